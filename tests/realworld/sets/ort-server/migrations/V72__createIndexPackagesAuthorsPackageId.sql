CREATE INDEX packages_authors_package_id ON packages_authors(package_id);
