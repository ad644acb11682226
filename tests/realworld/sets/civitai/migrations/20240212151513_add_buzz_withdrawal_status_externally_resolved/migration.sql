-- AlterEnum
ALTER TYPE "BuzzWithdrawalRequestStatus" ADD VALUE 'ExternallyResolved';
 