.import --csv data/people.csv people
.schema people
.headers on
select * from people;
select typeof(age), count(*) from people group by 1;
.headers off
create table nums(a, b, c);
.import --csv data/nums.csv nums
select a, b, c, typeof(c) from nums;
.import --csv data/dups.csv dups
.schema dups
select * from dups;
.import --csv --skip 1 data/people.csv people
select count(*) from people;
create table typed(id integer, label text);
.separator |
.import data/pipes.txt typed
select id, typeof(id), label from typed;
.import --csv data/missing.csv x
.import data/people.csv
.mode csv
.import data/nums.csv nums2
.schema nums2
.show
