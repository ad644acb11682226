-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "company" TEXT;
