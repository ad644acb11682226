-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT false;
