-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "sizeKB" INTEGER;
