-- VACUUM INTO writes a compacted copy that reads back as the original.
create table t(a integer primary key, b text);
insert into t values (1, 'x'), (2, 'y'), (5, 'z');
delete from t where a = 2;
create index tb on t(b);
create view v as select b from t;
vacuum into 'copy.db';
vacuum into 'copy.db';
vacuum nosuch into 'other.db';
vacuum into 42;
vacuum into null;
vacuum into 'no_such_dir/x.db';
begin;
vacuum into 'in_txn.db';
rollback;
vacuum main into 'cop' || 'y2.db';
.open copy.db
select rowid, * from t;
select * from v;
select type, name from sqlite_schema order by name;
insert into t values (9, 'w');
-- From a file database: the copy holds what was committed.
.open src.db
create table s(x);
insert into s values (1), (2), (3);
delete from s where x = 2;
vacuum into 'copy3.db';
.open copy3.db
select rowid, x from s;
.open copy2.db
select count(*) from t;
.open in_txn.db
select count(*) from sqlite_schema;
