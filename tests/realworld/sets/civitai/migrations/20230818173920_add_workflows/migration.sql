ALTER TYPE "ModelType" ADD VALUE 'Workflows';
