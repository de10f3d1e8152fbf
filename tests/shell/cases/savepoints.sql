-- SAVEPOINT / RELEASE / ROLLBACK TO in the shell, without -bail: every
-- error is reported and the script goes on.
create table t(a integer primary key, b text unique);
-- A script that starts with SAVEPOINT: its writes wait for the outermost
-- RELEASE, and ROLLBACK TO takes them back.
savepoint start;
insert into t values (1, 'one');
insert into t values (2, 'two');
rollback to start;
select count(*) from t;
insert into t values (3, 'three');
begin;
release start;
select * from t;
rollback;
release start;
rollback to start;
rollback transaction to savepoint "Start";
-- Nested, case-insensitive, the innermost of a repeated name.
savepoint a; insert into t values (10, 'ten');
savepoint A; insert into t values (11, 'eleven');
savepoint b; insert into t values (12, 'twelve');
rollback to A;
release b;
select a, b from t order by a;
release savepoint a;
select a, b from t order by a;
rollback to a;
select a, b from t order by a;
-- A failing statement inside a savepoint undoes only itself.
savepoint f;
insert into t values (20, 'twenty'), (21, 'three');
insert into t values (22, 'twenty-two');
update t set a = 3 where a = 22;
vacuum;
commit;
release f;
select a, b from t order by a;
-- On a file: what ROLLBACK TO took back never reaches the file, RELEASE
-- commits, and closing inside a savepoint loses only its work.
.open sp.db
create table f(x integer primary key, y);
savepoint outer_sp;
insert into f values (1, 'kept');
savepoint inner_sp;
insert into f values (2, 'rolled back');
rollback to inner_sp;
release outer_sp;
savepoint lost;
insert into f values (3, 'never committed');
select count(*) from f;
.open sp.db
select * from f;
begin;
savepoint s;
delete from f;
release s;
end;
.open sp.db
select count(*) from f;
