-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false;
