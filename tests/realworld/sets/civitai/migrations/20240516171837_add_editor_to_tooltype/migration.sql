ALTER TYPE "ToolType" ADD VALUE 'Editor';
