create table s(x, y);
insert into s values (1, NULL), (NULL, 'two'), (3, '');
select * from s;
.nullvalue NULL
select * from s;
.separator ", "
select * from s;
.separator | " ;\n"
select * from s;
.separator |
.headers on
select x as "col one", y from s;
.header off
select x from s;
.he on
.mode col
select * from s;
.width 6 -6
select * from s;
.show
