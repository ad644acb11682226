-- AlterTable
ALTER TABLE "UserActivity" ALTER COLUMN "userId" DROP NOT NULL;
