
-- AlterEnum
ALTER TYPE "public"."CsamReportType" ADD VALUE 'GeneratedImage';

