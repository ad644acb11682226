-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "unlisted" BOOLEAN NOT NULL DEFAULT false;
