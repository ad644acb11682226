create table if not exists public.ens_names(
  hash varchar primary key,
  name varchar not null
);
