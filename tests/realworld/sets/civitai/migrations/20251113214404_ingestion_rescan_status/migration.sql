-- AlterEnum
ALTER TYPE "public"."ImageIngestionStatus" ADD VALUE 'Rescan';