-- .backup refuses to overwrite a file that is not a database and keeps it;
-- an empty file is overwritten.
create table t(x);
insert into t values (1);
.once notes.sql
select 'select ''notes intact'';';
.backup notes.sql
.read notes.sql
.once empty.db
.backup empty.db
select 'done';
