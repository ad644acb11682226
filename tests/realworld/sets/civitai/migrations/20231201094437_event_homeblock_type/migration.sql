-- AlterEnum
ALTER TYPE "HomeBlockType" ADD VALUE 'Event';
