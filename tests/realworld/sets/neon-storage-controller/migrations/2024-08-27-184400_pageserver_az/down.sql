ALTER TABLE nodes DROP availability_zone_id;
