-- AlterEnum
ALTER TYPE "TagSource" ADD VALUE 'HiveDemographics';
