ALTER TYPE "BuzzAccountType" ADD VALUE 'green';
ALTER TYPE "BuzzAccountType" ADD VALUE 'fakered';
  