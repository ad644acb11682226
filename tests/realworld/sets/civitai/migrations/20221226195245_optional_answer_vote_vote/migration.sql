-- AlterTable
ALTER TABLE "AnswerVote" ALTER COLUMN "vote" DROP NOT NULL;
