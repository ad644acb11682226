ALTER TABLE nodes ALTER availability_zone_id DROP NOT NULL;
