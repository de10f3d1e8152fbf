select 'before';
.read data/included.sql
select count(*) from inc;
.read data/nonexistent.sql
create table src(a, b);
insert into src values (1, 'one'), (2, 'it''s'), (3, NULL);
.mode insert dst
.once out.sql
select * from src;
select 'back on stdout';
.mode list
create table dst(a, b);
.read out.sql
select * from dst;
.output out2.txt
select 'to file 1';
select 'to file 2';
.output
select 'stdout again';
.mode list
.once out3.txt
.tables
.tables
