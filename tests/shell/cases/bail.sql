select 1;
.bail on
select 2;
selec 3;
select 4;
