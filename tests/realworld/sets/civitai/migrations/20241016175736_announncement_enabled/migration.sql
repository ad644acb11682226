-- AlterTable
ALTER TABLE "Announcement" ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT false;
