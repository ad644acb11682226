-- AlterTable
ALTER TABLE "User" ADD COLUMN     "muteConfirmedAt" TIMESTAMP(3);
