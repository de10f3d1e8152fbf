.changes on
create table t(a integer primary key, b unique);
insert into t values(1, 'x'); insert into t values(2, 'y');
select changes(), total_changes(), last_insert_rowid();
insert into t values(3, 'x');
select 1;
update t set b = b || b;
delete from t where a > 5;
begin; insert into t(b) values('z'); rollback;
select changes(), total_changes(), last_insert_rowid();
.changes
.changes maybe
select 2;
.cha on
insert or ignore into t values(1, 'q');
.changes off
select changes(), total_changes(), last_insert_rowid(), sqlite_version();
