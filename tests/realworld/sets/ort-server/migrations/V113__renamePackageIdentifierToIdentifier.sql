ALTER TABLE rule_violations
    RENAME COLUMN package_identifier_id TO identifier_id;
