-- AlterTable
ALTER TABLE "CustomerSubscription" ADD COLUMN     "updatedAt" TIMESTAMP(3);
