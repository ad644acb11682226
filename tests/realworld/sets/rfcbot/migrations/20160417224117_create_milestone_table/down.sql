DROP TABLE milestone
