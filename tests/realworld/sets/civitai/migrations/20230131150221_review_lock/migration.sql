-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT false;
