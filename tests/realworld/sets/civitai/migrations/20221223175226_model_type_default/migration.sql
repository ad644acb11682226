-- AlterTable
ALTER TABLE "ModelFile" ALTER COLUMN "type" SET DEFAULT 'Model';
