-- AlterTable
ALTER TABLE "BountyEntry" ADD COLUMN     "description" TEXT;
