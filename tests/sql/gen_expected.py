#!/usr/bin/env python3
"""Fills in the expected results of sqllogictest files from SQLite itself.

Usage: gen_expected.py FILE.test...   (rewrites the files in place)

Each file is run against a fresh in-memory database of Python's sqlite3
module, which must be SQLite 3.40.1 (the reference of the project). Query
records get their `----` section replaced by SQLite's values printed the
sqllogictest way (I: integer, R: %.3f, T: text, NULL, (empty)); statement
records are checked against `ok`/`error` and the script stops on a
mismatch. Keep REAL values out of T columns (Python prints them differently
from SQLite).
"""
import sqlite3
import sys

assert sqlite3.sqlite_version == "3.40.1", sqlite3.sqlite_version


def fmt(v, t):
    if v is None:
        return "NULL"
    if t == "I":
        if isinstance(v, float):
            return str(int(v))
        if isinstance(v, str):
            raise SystemExit("text in an I column: %r" % v)
        return str(v)
    if t == "R":
        return "%.3f" % float(v)
    if isinstance(v, float):
        raise SystemExit("real in a T column: %r" % v)
    s = str(v)
    if s == "":
        return "(empty)"
    return "".join(c if " " <= c <= "~" else "@" for c in s)


def run_statements(db, sql):
    """Runs the statements of `sql` one by one, stopping at the first error.

    Not executescript: it COMMITs an open transaction before it starts,
    which would end a BEGIN or SAVEPOINT of an earlier record.
    """
    pending = ""
    for c in sql:
        pending += c
        if c == ";" and sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        db.execute(pending)


def process(path):
    records = open(path).read().split("\n\n")
    db = sqlite3.connect(":memory:", isolation_level=None)
    out = []
    for rec in records:
        lines = [l for l in rec.strip("\n").split("\n")]
        if not lines or lines == [""]:
            continue
        head = 0
        if all(l.startswith("#") for l in lines):
            out.append("\n".join(lines))
            continue
        while lines[head].startswith("#") or lines[head].startswith("skipif") or lines[head].startswith("onlyif"):
            head += 1
        words = lines[head].split()
        if words[0] == "statement":
            sql = "\n".join(lines[head + 1:])
            try:
                run_statements(db, sql)
                ok = True
            except sqlite3.Error as e:
                ok = False
                err = str(e)
            if ok != (words[1] == "ok"):
                raise SystemExit("%s: statement %s but sqlite says %s: %s" % (path, words[1], ok, sql))
            out.append("\n".join(lines))
        elif words[0] == "query":
            body = lines[head + 1:]
            if "----" in body:
                body = body[:body.index("----")]
            sql = "\n".join(body)
            types = words[1]
            mode = words[2] if len(words) > 2 else "nosort"
            rows = [[fmt(v, types[i]) for i, v in enumerate(r)] for r in db.execute(sql).fetchall()]
            if mode == "rowsort":
                rows.sort()
            values = [v for r in rows for v in r]
            if mode == "valuesort":
                values.sort()
            out.append("\n".join(lines[:head + 1] + body + ["----"] + values))
        else:
            out.append("\n".join(lines))
    open(path, "w").write("\n\n".join(out) + "\n")


for p in sys.argv[1:]:
    process(p)
