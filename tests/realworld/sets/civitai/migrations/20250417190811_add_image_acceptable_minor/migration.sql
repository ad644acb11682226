-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "acceptableMinor" BOOLEAN NOT NULL DEFAULT false;
 