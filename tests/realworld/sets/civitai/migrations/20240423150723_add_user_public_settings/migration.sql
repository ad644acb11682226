-- AlterTable
ALTER TABLE "User" ADD COLUMN     "publicSettings" JSONB DEFAULT '{}';
