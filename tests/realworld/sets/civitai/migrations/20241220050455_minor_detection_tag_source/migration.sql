ALTER TYPE "TagSource" ADD VALUE 'MinorDetection';
