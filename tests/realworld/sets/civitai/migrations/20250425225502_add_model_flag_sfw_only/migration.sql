 -- AlterTable
ALTER TABLE "ModelFlag" ADD COLUMN     "sfwOnly" BOOLEAN NOT NULL DEFAULT false;
 