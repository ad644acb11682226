-- AlterEnum
ALTER TYPE "CosmeticSource" ADD VALUE 'Claim';
