-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "inaccurate" BOOLEAN NOT NULL DEFAULT false;
