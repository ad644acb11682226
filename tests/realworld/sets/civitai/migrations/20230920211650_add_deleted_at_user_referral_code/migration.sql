 -- AlterTable
ALTER TABLE "UserReferralCode" ADD COLUMN     "deletedAt" TIMESTAMP(3);

