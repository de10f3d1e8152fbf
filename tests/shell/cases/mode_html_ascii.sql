create table t(a, b);
insert into t values(1, 'x'), (2, NULL), (3, '<a href="x">&''</a>');
.mode html
select * from t;
.headers on
select a, b as "<b>", null from t;
.nullvalue NULL
select * from t where b is null;
.nullvalue ''
.mode ascii
select * from t;
.show
.separator , ;
select * from t;
.mode list
select * from t;
.headers off
.mode h
select 1;
.mode as
select 2;
.mode
.mode list
