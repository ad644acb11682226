-- AlterEnum
ALTER TYPE "ModelStatus" ADD VALUE 'UnpublishedViolation';
