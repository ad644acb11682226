-- AlterTable
ALTER TABLE "Tag" ADD COLUMN     "isCategory" BOOLEAN NOT NULL DEFAULT false;
