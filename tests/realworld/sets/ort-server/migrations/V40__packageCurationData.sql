ALTER TABLE package_curation_data
    ADD COLUMN has_authors boolean DEFAULT TRUE NOT NULL
