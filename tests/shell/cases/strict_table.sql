.open strict.db
CREATE TABLE s(x VARCHAR) STRICT;
CREATE TABLE s(x) STRICT;
CREATE TABLE s(a int, b Integer, c REAL, d TEXT NOT NULL, e BLOB, f ANY CHECK(f <> 'no')) STRICT;
INSERT INTO s VALUES('1', 2, 3, 'd', x'00', '007');
INSERT INTO s(a, d) VALUES('abc', 'd');
INSERT INTO s(b, d) VALUES(1.5, 'd');
INSERT INTO s(c, d) VALUES('x', 'd');
INSERT INTO s(d) VALUES(x'01');
INSERT INTO s(e, d) VALUES(1, 'd');
INSERT INTO s(a, d) VALUES('x', NULL);
INSERT INTO s(e, d, f) VALUES(1, 'd', 'no');
INSERT OR IGNORE INTO s(a, d) VALUES('abc', 'd');
.open strict.db
UPDATE s SET c = 'text';
INSERT INTO s(a, d, f) VALUES(' 5 ', 'd', 5.5);
SELECT a, typeof(a), c, typeof(c), f, typeof(f) FROM s;
