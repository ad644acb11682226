drop function attempt_chain_head_update(varchar, bigint);
