-- AlterEnum
ALTER TYPE "TagSource" ADD VALUE 'ImageHash';
