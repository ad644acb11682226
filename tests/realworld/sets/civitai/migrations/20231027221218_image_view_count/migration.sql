-- AlterTable
ALTER TABLE "ImageMetric" ADD COLUMN     "viewCount" INTEGER NOT NULL DEFAULT 0;
