-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "baseModelType" TEXT;
