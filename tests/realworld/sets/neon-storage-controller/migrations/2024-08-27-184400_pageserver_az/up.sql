ALTER TABLE nodes ADD availability_zone_id VARCHAR;
