-- AlterTable
ALTER TABLE "CosmeticShopItem" DROP COLUMN "videoUrl";