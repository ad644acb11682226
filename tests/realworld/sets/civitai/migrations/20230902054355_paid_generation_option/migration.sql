-- AlterEnum
ALTER TYPE "ModelVersionMonetizationType" ADD VALUE 'PaidGeneration';
