select 1 as included;
selec 2;
create table inc(x);
insert into inc values (1), (2);
