-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "description" TEXT;
