-- AlterTable
ALTER TABLE "ImageRatingRequest" ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 1;
