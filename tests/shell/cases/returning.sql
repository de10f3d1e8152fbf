create table t(id integer primary key, name text default 'anon', score int, g as (score * 2));
insert into t(score) values (10), ('20') returning *;
.headers on
insert into t(id, name, score) values (7, 'seven', 1) returning id, upper(name) || '!' as shout, g;
update t set score = score + 1 where id < 3 returning id,  score  +  0, rowid;
.mode box
insert into t(name, score) values ('boxed', 3) returning *;
delete from t where id > 2 returning id, name;
create table u(k text primary key, n int);
insert into u values ('a', 1), ('a', 2) on conflict(k) do update set n = n + excluded.n returning k, n;
insert into u values ('a', 9) on conflict do nothing returning *;
.mode list
insert into u values ('z', 1) returning u.*;
insert into u values ('z', 1) returning count(*);
select * from u;
