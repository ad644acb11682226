-- AlterTable
ALTER TABLE "User" ADD COLUMN     "tos" BOOLEAN DEFAULT false;
