-- An SQLite file (written by sqlite3 3.40.1) read by the shell.
.tables
.schema
select * from cities order by pop;
select rowid, name, typeof(pop) from cities;
select count(*), sum(pop) from cities where name like 'b%';
pragma table_info(cities);
.headers on
.mode box
select name, pop / 1000 as k from cities;
.mode list
.headers off
.dump
vacuum into 'converted.db';
.open converted.db
select * from cities;
