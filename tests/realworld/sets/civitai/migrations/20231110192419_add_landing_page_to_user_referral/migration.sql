-- AlterTable
ALTER TABLE "UserReferral" ADD COLUMN     "landingPage" TEXT;
