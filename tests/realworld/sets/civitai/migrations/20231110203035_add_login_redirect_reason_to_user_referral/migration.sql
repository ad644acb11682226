-- AlterTable
ALTER TABLE "UserReferral" ADD COLUMN     "loginRedirectReason" TEXT;
