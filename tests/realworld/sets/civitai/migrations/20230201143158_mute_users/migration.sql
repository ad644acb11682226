-- AlterTable
ALTER TABLE "User" ADD COLUMN     "muted" BOOLEAN DEFAULT false;
