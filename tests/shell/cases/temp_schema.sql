create table m(a, b);
create table "z z"(a);
insert into m values (1, 'one');
create temp table t(x);
create temp table "q q"(y);
create temp view tv as select x + 1 as y from t;
create index ti on t(x);
create temp trigger tr after insert on m begin insert into t values (new.a); end;
insert into m values (2, 'two');
.tables
.tables t%
.indexes
.schema
.schema t
.schema --nosys m
.fullschema
.dump
select * from t;
pragma database_list;
pragma table_list;
pragma temp_store;
pragma temp_store = memory;
pragma temp_store;
.tables
select count(*) from sqlite_temp_schema;
pragma database_list;
