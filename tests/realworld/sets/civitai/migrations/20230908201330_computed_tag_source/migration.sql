-- AlterEnum
ALTER TYPE "TagSource" ADD VALUE 'Computed';
