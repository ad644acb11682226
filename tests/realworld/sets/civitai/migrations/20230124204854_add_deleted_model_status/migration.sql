-- AlterEnum
ALTER TYPE "ModelStatus" ADD VALUE 'Deleted';
