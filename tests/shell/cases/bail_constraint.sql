create table t(a unique);
insert into t values (1);
select 'before';
insert into t values (2), (1);
select 'not reached';
