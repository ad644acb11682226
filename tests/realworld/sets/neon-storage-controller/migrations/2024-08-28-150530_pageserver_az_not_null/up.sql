ALTER TABLE nodes ALTER availability_zone_id SET NOT NULL;
