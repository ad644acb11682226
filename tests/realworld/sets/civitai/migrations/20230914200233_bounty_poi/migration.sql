-- AlterTable
ALTER TABLE "Bounty" ADD COLUMN     "poi" BOOLEAN NOT NULL DEFAULT false;
