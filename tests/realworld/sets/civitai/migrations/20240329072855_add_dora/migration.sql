-- AlterEnum
ALTER TYPE "ModelType" ADD VALUE 'DoRA';
