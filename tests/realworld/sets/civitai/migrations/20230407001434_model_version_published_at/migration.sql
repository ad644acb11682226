-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "publishedAt" TIMESTAMP(3);
