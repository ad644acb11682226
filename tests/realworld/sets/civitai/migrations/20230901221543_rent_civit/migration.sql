-- AlterEnum
ALTER TYPE "CommercialUse" ADD VALUE 'RentCivit';
