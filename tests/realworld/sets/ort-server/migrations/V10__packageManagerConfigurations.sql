ALTER TABLE package_manager_configurations
    ADD COLUMN has_options boolean DEFAULT TRUE NOT NULL
