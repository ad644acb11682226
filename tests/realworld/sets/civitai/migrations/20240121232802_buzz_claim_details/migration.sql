-- AlterTable
ALTER TABLE "BuzzClaim" ADD COLUMN     "description" TEXT NOT NULL,
ADD COLUMN     "title" TEXT NOT NULL;
