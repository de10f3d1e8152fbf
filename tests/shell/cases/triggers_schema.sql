-- Triggers in sqlite_schema, .schema and .dump as sqlite3 prints them (the
-- text as written from the trigger name on), and in a file database that
-- is opened again.
create table t(a integer primary key, b text);
create table log(x);
create view v as select a, b from t;
CREATE  TRIGGER IF NOT EXISTS t_ai   AFTER INSERT ON t
FOR EACH ROW WHEN new.b <> 'quiet'
BEGIN
  insert into log values ('ai ' || new.a);  -- a comment
  /* another */ update log set x = x || '!' where x = 'ai ' || new.a;
END;
create trigger "t bd" before delete on t begin insert into log values (old.b); end;
create trigger t_bu before update of b on t begin select raise(abort, 'b is frozen') where old.b = 'frozen'; end;
create trigger v_ins instead of insert on v begin insert into t values (new.a, new.b); end;
insert into v values (1, 'one'), (2, 'quiet'), (3, 'frozen');
delete from t where a = 2;
update t set b = 'thaw' where a = 3;
select * from log;
select type, name, tbl_name, rootpage, sql from sqlite_schema where type = 'trigger';
.schema
.schema t
.dump
.open trig.db
create table u(a, b);
create table ulog(x);
create trigger u_ai after insert on u begin insert into ulog values (new.a * 10); end;
insert into u values (1, 2);
.open trig.db
insert into u values (3, 4);
select * from ulog;
.schema u
