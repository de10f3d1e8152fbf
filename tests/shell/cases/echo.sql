.echo on
select 1;
-- comment
select
  2;
.echo off
select 3;
