-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "unlisted" BOOLEAN NOT NULL DEFAULT false;
