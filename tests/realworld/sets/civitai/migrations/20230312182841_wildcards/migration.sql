-- AlterEnum
ALTER TYPE "ModelType" ADD VALUE 'Wildcards';
