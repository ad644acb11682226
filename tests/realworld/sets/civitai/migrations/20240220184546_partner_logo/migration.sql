-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "logo" TEXT;
