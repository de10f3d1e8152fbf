create table t(a integer primary key, b not null, c);
.import --csv --skip 1 data/codes.csv t
select a, b, c from t;
create table u(a unique, b, c);
.import --csv --skip 1 data/codes.csv u
select a, b, c from u;
create index i on u(b);
.import --csv data/codes.csv i
select count(*) from u;
