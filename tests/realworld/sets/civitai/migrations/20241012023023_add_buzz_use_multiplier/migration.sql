-- AlterTable
ALTER TABLE "BuzzClaim" ADD COLUMN     "useMultiplier" BOOLEAN NOT NULL DEFAULT false;
