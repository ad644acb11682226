-- AlterTable
ALTER TABLE "ModelFile" ADD COLUMN     "overrideName" TEXT;
