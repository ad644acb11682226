
-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "sfwOnly" BOOLEAN NOT NULL DEFAULT false;