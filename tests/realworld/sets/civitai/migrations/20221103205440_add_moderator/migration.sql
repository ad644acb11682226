-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isModerator" BOOLEAN DEFAULT false;
