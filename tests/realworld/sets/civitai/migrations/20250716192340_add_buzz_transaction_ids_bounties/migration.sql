 -- AlterTable
ALTER TABLE "BountyBenefactor" ADD COLUMN     "buzzTransactionId" TEXT;
 