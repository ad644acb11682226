-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';
