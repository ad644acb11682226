-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';
