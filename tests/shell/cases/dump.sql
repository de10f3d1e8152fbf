-- .dump: every storage class, SQL-literal quoting, quoted and keyword
-- names, rowid order, indexes, views, LIKE patterns and the options.
create table t(i integer, r real, s text, b blob, n);
insert into t values (1, 1.5, 'plain', x'00ff', null);
insert into t values (-7, -0.25, 'it''s', x'', 'x');
insert into t values (9223372036854775807, 1e20, 'two
lines', x'DEADbeef', 3.0);
insert into t values (-9223372036854775808, 0.1, 'cr'||char(13)||'lf'||char(10)||'\n', zeroblob(3), -1e-300);
insert into t values (0, 123456789.123, '', null, 1e308*10);
insert into t values (42, -1e308*10, 'tab	here', x'41', 100.0);
insert into t values (5, -0.0, 'héllo ✓', '007', 1e15);
create table "my table"("a b", "select", c);
insert into "my table" values (1, 'x', null);
create table "select"(x);
insert into "select" values ('kw');
create table [br acket](y);
insert into [br acket] values (2);
create table 'sq'(z);
insert into 'sq' values (3);
create table Mixed_Case(v);
insert into Mixed_Case values (4);
create index ti on t(i);
create unique index "idx two" on "my table"("a b");
create view v1 as select i, s from t where i > 0;
create table ipk(id integer primary key, v);
insert into ipk values (10, 'ten'), (3, 'three'), (7, 'seven');
create table c1(a /* inline */ , b -- line comment
);
insert into c1 values (1, 2);
create table empty(x);
create table deleted(x);
insert into deleted values (1), (2), (3), (4);
delete from deleted where x = 2;
update deleted set x = 30 where x = 3;
insert into deleted values (5);
create table "a""b"(rowid, c);
insert into "a""b" values (5, 6);
create table p1(a integer primary key desc, b);
insert into p1 values (5, 1), (2, 2);
.dump
.dump t
.dump t% %select% --newlines
.dump -preserve-rowids
.dump --data-only ipk
.dump --nosys nomatch
.dump --bogus
.headers on
.mode column
.du deleted
select count(*) from t;
-- Round trip: the dump read back into an emptied database dumps the same.
.mode list
.headers off
.once dumped.sql
.dump
drop view v1;
drop table t;
drop table "my table";
drop table "select";
drop table [br acket];
drop table sq;
drop table Mixed_Case;
drop table ipk;
drop table c1;
drop table empty;
drop table deleted;
drop table "a""b";
drop table p1;
.dump
.read dumped.sql
.dump
