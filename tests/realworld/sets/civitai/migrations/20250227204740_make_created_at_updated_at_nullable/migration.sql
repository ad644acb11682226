-- AlterTable
ALTER TABLE "CashWithdrawal" ALTER COLUMN "createdAt" DROP NOT NULL,
ALTER COLUMN "updatedAt" DROP NOT NULL;
 