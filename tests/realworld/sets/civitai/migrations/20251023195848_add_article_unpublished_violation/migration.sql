-- AlterEnum
ALTER TYPE "ArticleStatus" ADD VALUE 'UnpublishedViolation';
 