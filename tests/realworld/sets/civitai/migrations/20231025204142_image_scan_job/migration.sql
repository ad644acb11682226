-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "scanJobs" JSONB;
