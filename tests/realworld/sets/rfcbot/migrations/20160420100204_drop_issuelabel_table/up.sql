DROP TABLE issuelabel
