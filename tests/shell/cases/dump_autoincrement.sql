create table t(id integer primary key autoincrement, v text);
create table plain(x);
insert into t(v) values ('a'), ('b'), ('c');
delete from t where id = 3;
create table u(k integer primary key autoincrement);
insert into u default values;
.schema
.dump
drop table u;
.dump --nosys
select name, seq from sqlite_sequence;
