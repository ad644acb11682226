ALTER TYPE "TrainingStatus" ADD VALUE 'Paused';
ALTER TYPE "TrainingStatus" ADD VALUE 'Denied';
