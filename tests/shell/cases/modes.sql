create table t(a, b, c);
insert into t values (1, 'hello', 2.5), (NULL, 'a "q" b', -3), (12345, '', 1e20), (-7, 'x,y', NULL), (0, 'multi
line', 0.1), (2, 'tab	here', 'héllo'), (3, 'it''s', 100.0);
.mode list
select a, b as bee, c, a+1 from t;
.headers on
select a, b as bee, c, a+1 from t;
.mode csv
select a, b as bee, c, a+1 from t;
.headers off
select a, b as bee, c, a+1 from t;
.mode tabs
select a, b as bee, c, a+1 from t;
.mode line
select a, b as bee, c, a+1 from t;
select 1 as x;
.mode column
select a, b as bee, c, a+1 from t;
select a, c from t where b <> 'multi
line';
.headers on
.mode column
select a, c from t where b <> 'multi
line';
.mode box
select a, b as bee, c, a+1 from t;
select 1 as x where 0;
.mode table
select a, c from t;
select 'é' as "wide ü", 22 as n;
.mode markdown
select a, b as bee, c, a+1 from t;
.mode json
select a, b as bee, c, a+1 from t;
select 1 as x where 0;
select 0.1 + 0.2 as r, 1e15 as big, 'a\b' as bs;
.mode quote
select a, b as bee, c, a+1 from t;
.mode insert
select a, b as bee from t;
.mode insert out_table
select a, b from t where a = 0;
.mode
.mode list
.mode
