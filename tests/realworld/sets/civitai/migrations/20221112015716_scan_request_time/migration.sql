-- AlterTable
ALTER TABLE "ModelFile" ADD COLUMN     "scanRequestedAt" TIMESTAMP(3);
