-- AlterEnum
ALTER TYPE "ModelType" ADD VALUE 'Other';
