-- AlterTable
ALTER TABLE "CosmeticShopSection" ALTER COLUMN "placement" SET DEFAULT 0,
ALTER COLUMN "imageId" DROP NOT NULL;
