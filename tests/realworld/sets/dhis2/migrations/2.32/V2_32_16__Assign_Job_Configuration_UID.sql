update jobconfiguration set uid='pd6O228pqr0' where name='File resource clean up' and uid<>'pd6O228pqr0';
update jobconfiguration set uid='BFa3jDsbtdO' where name='Data statistics' and uid<>'BFa3jDsbtdO';
update jobconfiguration set uid='Js3vHn2AVuG' where name='Validation result notification' and uid<>'Js3vHn2AVuG';
update jobconfiguration set uid='sHMedQF7VYa' where name='Credentials expiry alert' and uid<>'sHMedQF7VYa';
update jobconfiguration set uid='YvAwAmrqAtN' where name='Dataset notification' and uid<>'YvAwAmrqAtN';
update jobconfiguration set uid='uwWCT2BMmlq' where name='Remove expired reserved values' and uid<>'uwWCT2BMmlq';
