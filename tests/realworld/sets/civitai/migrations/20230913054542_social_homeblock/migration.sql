-- AlterEnum
ALTER TYPE "HomeBlockType" ADD VALUE 'Social';
