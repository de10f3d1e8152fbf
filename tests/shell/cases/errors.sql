create table primes(n unique);
insert into primes values (2);
select 1; selec 2; select 3;
select
  4;
insert into primes values (2);
select * from nosuch;
select n, nosuch from primes;
  select 1,
  2 frm primes;
select 1 +;
-- a comment line
/* a block
   comment */ select 5;
select 6; -- trailing comment
select 1111111111, 2222222222, 3333333333, 4444444444, 5555555555, 66666666 frm x;
.nosuchcommand
.headers maybe
.bail
select 7;
select "unterminated
