-- AlterTable
ALTER TABLE "Tool"
  ADD COLUMN "domain" TEXT;
