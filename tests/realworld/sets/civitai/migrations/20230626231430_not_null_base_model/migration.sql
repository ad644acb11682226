
-- AlterTable
ALTER TABLE "ModelVersion" ALTER COLUMN "baseModel" SET NOT NULL;