-- AlterTable
ALTER TABLE "VaultItem" ADD COLUMN     "meta" JSONB NOT NULL DEFAULT '{}';
