-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "alias" TEXT;
