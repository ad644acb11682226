-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "supported" BOOLEAN NOT NULL DEFAULT false;
