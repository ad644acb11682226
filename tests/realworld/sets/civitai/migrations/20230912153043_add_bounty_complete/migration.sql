-- AlterTable
ALTER TABLE "Bounty" ADD COLUMN     "complete" BOOLEAN NOT NULL DEFAULT false;

