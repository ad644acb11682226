-- migwiz:lock-timeout=2s
ALTER TABLE orders DROP COLUMN tracking_number;
