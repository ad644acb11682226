-- AlterTable
ALTER TABLE "ModelFile" ADD COLUMN     "dataPurged" BOOLEAN NOT NULL DEFAULT false;
