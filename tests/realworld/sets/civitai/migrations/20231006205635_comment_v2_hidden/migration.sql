-- AlterTable
ALTER TABLE "CommentV2" ADD COLUMN     "hidden" BOOLEAN DEFAULT false;
