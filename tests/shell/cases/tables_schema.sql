create table t2 (a integer primary key, b text);
CREATE   TABLE  "odd name"(x);
create table zeta(q);
create view v as select a, b from t2;
create index i2 on t2(b);
create table Alpha(x, y unique);
.tables
.tables t%
.tables %a
.tables nomatch
.schema
.schema t2
.schema odd%
.schema nomatch
