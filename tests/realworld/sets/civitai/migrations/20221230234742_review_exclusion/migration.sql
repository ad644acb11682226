-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "exclude" BOOLEAN NOT NULL DEFAULT false;
