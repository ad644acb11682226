
-- AlterEnum
ALTER TYPE "TagSource" ADD VALUE 'Hive';
