-- AlterTable
ALTER TABLE "NewOrderRank" ADD COLUMN     "iconUrl" TEXT;
