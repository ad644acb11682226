-- AlterEnum
ALTER TYPE "CollectionWriteConfiguration" ADD VALUE 'Review';
