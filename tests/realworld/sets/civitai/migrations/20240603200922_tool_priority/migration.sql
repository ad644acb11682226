
-- AlterTable
ALTER TABLE "Tool" ADD COLUMN     "priority" INTEGER;
