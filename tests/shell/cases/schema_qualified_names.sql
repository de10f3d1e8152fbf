-- Names qualified by a schema that does not exist, with no database
-- attached: sqlite3's errors, and main left as it was.
create table t(a);
insert into t values (1), (2);
insert into aux.t values (3);
update aux.t set a = 0;
delete from aux.t;
drop table aux.t;
drop table if exists aux.t;
drop view aux.v;
drop index aux.i;
drop trigger aux.tr;
drop view if exists aux.v;
create table aux.u(x);
create table "Aux".u(x);
create index aux.i on t(a);
create view aux.v as select 1;
create trigger aux.tr after insert on t begin select 1; end;
pragma aux.user_version;
reindex aux.t;
analyze aux.t;
select aux.t.a from t;
select temp.t.a from t;
select * from aux.t;
insert into temp.t values (4);
-- main by name works everywhere.
create table main.m(x);
insert into main.m select main.t.a from main.t;
create index main.mi on m(x);
select * from main.m order by x;
drop index main.mi;
drop table main.m;
select count(*), sum(a) from t;
select name from sqlite_schema;
pragma database_list;
.databases
