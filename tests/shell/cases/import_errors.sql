-- .import: rows that fail a constraint are reported with their line and
-- skipped, the others are kept; short rows are filled with NULL before the
-- INSERT. As in sqlite3, the command fails (and .bail stops) only when the
-- last record failed.
.bail on
create table k(id integer primary key, v text not null unique);
.import --csv -v data/constraints.csv k
select id, typeof(id), v from k;
create table n(a integer, b, c real);
.import --csv data/constraints.csv n
select a, typeof(a), b, typeof(b), c, typeof(c) from n;
create table u(x unique);
.import --csv data/constraints.csv u
select 'goes on';
create table u2(x unique);
.import --csv data/dup_last.csv u2
select 'not reached';
