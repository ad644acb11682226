-- AlterEnum
ALTER TYPE "ModelType" ADD VALUE 'MotionModule';
