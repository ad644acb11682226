DROP TABLE pullrequest
