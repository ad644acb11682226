-- AlterTable
ALTER TABLE "User"
ADD COLUMN     "excludeFromLeaderboards" BOOLEAN NOT NULL DEFAULT false;
