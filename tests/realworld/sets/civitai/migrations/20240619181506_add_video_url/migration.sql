ALTER TABLE "Cosmetic" ADD COLUMN "videoUrl" TEXT;
