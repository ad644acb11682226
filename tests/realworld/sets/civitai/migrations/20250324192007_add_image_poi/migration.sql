-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "poi" BOOLEAN NOT NULL DEFAULT false;
