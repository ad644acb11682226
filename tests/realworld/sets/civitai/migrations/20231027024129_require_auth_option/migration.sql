-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "requireAuth" BOOLEAN NOT NULL DEFAULT false;
