-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "needsReview" BOOLEAN NOT NULL DEFAULT false;
