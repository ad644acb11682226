-- AlterEnum
ALTER TYPE "CosmeticType" ADD VALUE 'ProfileBackground';
