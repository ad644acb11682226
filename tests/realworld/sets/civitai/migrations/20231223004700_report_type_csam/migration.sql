
-- AlterEnum
ALTER TYPE "ReportReason" ADD VALUE 'CSAM';
