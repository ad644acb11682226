DROP TABLE controllers;
