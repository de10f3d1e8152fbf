-- The grammar of SAVEPOINT / RELEASE / ROLLBACK TO: keywords that may
-- name a savepoint, quoted names, and sqlite3's syntax errors.
savepoint;
release savepoint;
rollback to;
rollback to savepoint 1;
savepoint a b;
release;
savepoint "select"; release "select";
savepoint [x y]; release `X Y`;
savepoint end; release end;
savepoint savepoint; release savepoint savepoint;
savepoint rollback; rollback to rollback;
savepoint release; release release;
savepoint transaction; rollback transaction to transaction; release transaction;
savepoint select;
select 'open:', 1;
commit;
