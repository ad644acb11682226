ALTER TABLE "Announcement" ADD COLUMN     "metadata" JSONB;
