-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "minor" BOOLEAN NOT NULL DEFAULT false;
