/*
  Warnings:

  - You are about to drop the column `primary` on the `ModelFile` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "ModelFile" DROP COLUMN "primary";
