.open check.db
CREATE TABLE t(n INT CHECK( n  >  0 ), s TEXT CONSTRAINT s_set CHECK(s <> ''), CHECK (n < 10));
INSERT INTO t VALUES(1, 'a');
INSERT INTO t VALUES(0, 'b');
INSERT INTO t VALUES(2, '');
INSERT INTO t VALUES(10, 'c');
INSERT INTO t VALUES(NULL, NULL);
.import --csv data/check_rows.csv t
SELECT n, s FROM t ORDER BY rowid;
.open check.db
INSERT INTO t VALUES(-5, 'reopened');
UPDATE t SET n = n + 8;
UPDATE t SET s = '' WHERE n = 1;
SELECT n, s FROM t ORDER BY rowid;
CREATE TABLE u(a CHECK(b > 0));
CREATE TABLE u(a CHECK(count(*) > 0));
CREATE TABLE u(a CHECK((SELECT 1)));
