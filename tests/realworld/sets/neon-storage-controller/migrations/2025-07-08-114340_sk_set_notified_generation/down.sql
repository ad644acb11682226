ALTER TABLE timelines DROP sk_set_notified_generation;
