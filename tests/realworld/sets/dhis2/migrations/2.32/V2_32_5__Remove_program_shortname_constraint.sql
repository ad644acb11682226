alter table program drop constraint if exists "uk_1tcaydw2p91wi8ib0qqa1jcfs";
