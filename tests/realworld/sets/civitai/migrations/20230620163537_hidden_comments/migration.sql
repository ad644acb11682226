-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "hidden" BOOLEAN DEFAULT false;
