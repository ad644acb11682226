-- AlterTable
ALTER TABLE "Model" ALTER COLUMN "description" DROP NOT NULL;
