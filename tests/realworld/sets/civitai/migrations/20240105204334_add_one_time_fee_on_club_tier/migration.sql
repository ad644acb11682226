-- AlterTable
ALTER TABLE "ClubTier" ADD COLUMN     "oneTimeFee" BOOLEAN NOT NULL DEFAULT false; 