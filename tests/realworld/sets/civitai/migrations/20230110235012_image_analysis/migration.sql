-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "analysis" JSONB;
