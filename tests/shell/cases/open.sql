create table t(x);
insert into t values (1);
.open opened.db
select count(*) from sqlite_schema;
create table u(y);
insert into u values (7), (8);
.open
.tables
select * from t;
.open opened.db
.tables
select * from u;
.open --new opened.db
.tables
select count(*) from sqlite_schema;
create table v(z);
.op opened.db
.tables
.open --foo x
.open a b
.show
.open :memory:
.tables
