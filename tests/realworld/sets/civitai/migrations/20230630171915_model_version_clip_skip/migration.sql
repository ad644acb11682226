-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "clipSkip" INTEGER;
