-- AlterEnum
ALTER TYPE "ToolType" ADD VALUE 'LLM';
