-- .import into a table with triggers fires them for every row, as the
-- INSERTs sqlite3's .import runs do; a row a trigger refuses is reported
-- and left out with the trigger's writes, the others stay.
create table p(name text, age int);
create table seen(x);
create trigger p_bi before insert on p when new.age > 40 begin select raise(abort, 'too old'); end;
create trigger p_ai after insert on p begin insert into seen values (new.name || ' ' || typeof(new.age)); end;
.mode csv
.import data/people.csv p
.mode list
select * from p;
select * from seen;
