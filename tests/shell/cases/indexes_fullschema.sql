.indexes
.fullschema
create table t(a unique, b);
create table T2(x unique, y primary key);
create index zz on t(b);
create index Aa on T2(x);
create view v as select * from t;
create table "q t"(c);
.indexes
.indexes t
.indexes T%
.indexes t2
.in t
.indices nosuch
.indexes a b
.fullschema
.fullschema --indent
.fullschema x
.print hello   world "a\tb" 'c\td'
.print
.pri x y
