-- AlterTable
ALTER TABLE "CosmeticShopItem" ADD COLUMN "videoUrl" TEXT;
