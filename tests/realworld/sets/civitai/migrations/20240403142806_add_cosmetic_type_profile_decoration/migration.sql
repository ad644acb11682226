ALTER TYPE "CosmeticType" ADD VALUE 'ProfileDecoration';
