-- With -bail, an unknown savepoint stops the script with status 1.
create table t(a);
savepoint s;
insert into t values (1);
rollback to s;
release s;
select count(*) from t;
rollback to s;
select 'not reached';
