select 1;
.read data
select 2;
.read data/
.bail on
.read data
select 3;
