-- preflight: USAGE on a sequence (parameter: its name).
SELECT has_sequence_privilege(%s, 'USAGE')
