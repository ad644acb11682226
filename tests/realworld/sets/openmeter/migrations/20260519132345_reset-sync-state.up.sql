-- force sync all subscriptions
DELETE FROM "subscription_billing_sync_states";
