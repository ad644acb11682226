-- runner: a migration was reverted
DELETE FROM {history} WHERE version = %s
