-- AlterEnum
ALTER TYPE "ModelType" ADD VALUE 'Detection';
