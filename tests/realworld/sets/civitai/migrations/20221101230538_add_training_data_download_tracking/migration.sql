-- AlterEnum
ALTER TYPE "UserActivityType" ADD VALUE 'TrainingDataDownload';
