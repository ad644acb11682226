-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "poi" BOOLEAN NOT NULL DEFAULT false;
