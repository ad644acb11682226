-- DropTable
DROP TABLE "Log";
