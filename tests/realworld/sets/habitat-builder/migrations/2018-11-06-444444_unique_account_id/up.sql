ALTER TABLE account_tokens ADD UNIQUE(account_id);
