-- AlterTable
ALTER TABLE "TagsOnImageVote" ADD COLUMN     "applied" BOOLEAN NOT NULL DEFAULT false;
