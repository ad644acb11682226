-- AlterEnum
ALTER TYPE "public"."TagSource" ADD VALUE 'SpineRating';