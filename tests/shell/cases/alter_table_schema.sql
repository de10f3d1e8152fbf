create table t(a int primary key, b text unique, "c d" real check (a > 0));
create index i1 on t(b);
create unique index i2 on t (a, b) where a > 1;
create view v as select t.a, t.b from t where t.a in (select a from t);
create table o(x references t(a), y);
insert into t values (1, 'x', 2.5), (2, 'y', 3);
alter table t rename to "New Tab";
.schema
alter table "New Tab" rename column b to bb;
alter table "New Tab" rename column "c d" to e;
alter table "New Tab" add column f int default 3;
alter table "New Tab" add g text collate nocase;
alter table "New Tab" drop column e;
.schema "New Tab"
select * from "New Tab";
select * from v;
alter table "New Tab" drop column zz;
alter table "New Tab" rename column zz to q;
alter table "New Tab" add column p not null;
alter table "New Tab" add column p default (random());
alter table "New Tab" add column p primary key;
alter table "New Tab" drop column a;
alter table "New Tab" drop column bb;
alter table v add column z;
alter table sqlite_master rename to x;
alter table nosuch add column z;
alter table "New Tab" rename to o;
alter table o drop column x;
alter table o drop column y;
.schema o
select * from "New Tab" indexed by nosuch;
