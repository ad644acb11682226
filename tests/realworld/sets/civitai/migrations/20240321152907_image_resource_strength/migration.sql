-- AlterTable
ALTER TABLE "ImageResource" ADD COLUMN     "strength" INTEGER;
