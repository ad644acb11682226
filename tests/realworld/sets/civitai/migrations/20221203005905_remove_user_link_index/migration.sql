/*
  Warnings:

  - You are about to drop the column `index` on the `UserLink` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "UserLink" DROP COLUMN "index";
