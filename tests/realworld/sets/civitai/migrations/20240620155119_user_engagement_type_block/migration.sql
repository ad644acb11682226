-- AlterEnum
ALTER TYPE "UserEngagementType" ADD VALUE 'Block';
