-- AlterEnum
ALTER TYPE "HomeBlockType" ADD VALUE 'CosmeticShop';
 