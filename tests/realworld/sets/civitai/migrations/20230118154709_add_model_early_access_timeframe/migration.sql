-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "earlyAccessTimeFrame" INTEGER NOT NULL DEFAULT 0;
