-- DropIndex
DROP INDEX "_LicenseToModel_AB_unique";
DROP INDEX "_LicenseToModel_B_index";
