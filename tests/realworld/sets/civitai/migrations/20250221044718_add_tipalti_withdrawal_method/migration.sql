
-- AlterTable
ALTER TABLE "UserPaymentConfiguration" ADD COLUMN     "tipaltiWithdrawalMethod" "CashWithdrawalMethod";
 