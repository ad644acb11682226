-- AlterEnum
ALTER TYPE "CollectionReadConfiguration" ADD VALUE 'Unlisted';
