#!/usr/bin/env python3
"""Keyed loads: rows into tables with UNIQUE / PRIMARY KEY columns, sluice
vs sqlite3 side by side in one run.

Each case is one shell process per engine (the same script on stdin), timed
as wall time from start to exit; the time of a process that only creates
(and for the point cases fills) the table, fastest of 3, is subtracted. After the load every engine prints
count(*), sum(key) and total(length(v)), which must agree: a fast wrong
answer is a failure (exit status 1).

Cases (N rows, keys a seeded shuffle of 1..N):
  import-unique-mem   .import into t(k INTEGER UNIQUE, v TEXT), :memory:
  import-ipk-mem      .import into t(k INTEGER PRIMARY KEY, v TEXT), :memory:
  import-both-file    .import into t(k INTEGER PRIMARY KEY, v TEXT UNIQUE), file
  insert-rows-txn     N/10 single-row INSERT statements, one transaction,
                      into t(k TEXT PRIMARY KEY, v TEXT UNIQUE), :memory:
  insert-autocommit   N/1000 single-row INSERTs without a transaction into a
                      file table that already holds N rows (PRIMARY KEY and
                      UNIQUE): the cost of one small write to a big keyed table
  replace-point       N/10 INSERT OR REPLACE of existing keys, one
                      transaction, into an N-row keyed table in :memory:
                      (the .import that fills it is in the subtracted
                      baseline process too)
  update-point        N/10 UPDATE ... WHERE k = const, the same way
  delete-point        N/10 DELETE ... WHERE k = const, the same way
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_sluice():
    for path in (os.environ.get("SLUICE"), os.path.join(REPO, "build", "release", "sluice")):
        if path and os.path.exists(path):
            return path
    return os.path.join(REPO, "build", "release", "sluice")


def ensure_csv(rows, data_root):
    os.makedirs(data_root, exist_ok=True)
    path = os.path.join(data_root, f"keys-{rows}.csv")
    if not os.path.exists(path):
        ids = list(range(1, rows + 1))
        random.Random(20261207).shuffle(ids)
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.writelines(f"{i},v{i}\n" for i in ids)
        os.replace(tmp, path)
    return path


def insert_script(rows, key_text):
    ids = list(range(1, rows + 1))
    random.Random(7).shuffle(ids)
    if key_text:
        return "".join(f"insert into t values('k{i}','v{i}');\n" for i in ids)
    return "".join(f"insert into t values({i},'v{i}');\n" for i in ids)


CHECK = "select count(*), sum(k), total(length(v)) from t;\n"


def cases(rows, csv):
    n_txn = max(rows // 10, 1)
    n_auto = max(rows // 1000, 1)
    keyed = ("create table t(k integer primary key, v text unique);\n", f".import --csv {csv} t\n")
    points = random.Random(3).sample(range(1, rows + 1), n_txn)
    return [
        ("import-unique-mem", rows, ":memory:", None,
         "create table t(k integer unique, v text);\n", f".import --csv {csv} t\n"),
        ("import-ipk-mem", rows, ":memory:", None,
         "create table t(k integer primary key, v text);\n", f".import --csv {csv} t\n"),
        ("import-both-file", rows, "FILE", None,
         "create table t(k integer primary key, v text unique);\n", f".import --csv {csv} t\n"),
        ("insert-rows-txn", n_txn, ":memory:", None,
         "create table t(k text primary key, v text unique);\n",
         "begin;\n" + insert_script(n_txn, True) + "commit;\n"),
        ("insert-autocommit", n_auto, "FILE",
         ("create table t(k integer primary key, v text unique);\n", f".import --csv {csv} t\n"),
         "", "".join(f"insert into t values({rows + i},'w{i}');\n" for i in range(1, n_auto + 1))),
    ] + [(name, n_txn, ":memory:", None, "".join(keyed), "begin;\n" + "".join(make(i) for i in points) + "commit;\n")
         for name, make in (
             ("replace-point", lambda i: f"insert or replace into t values({i},'r{i}');\n"),
             ("update-point", lambda i: f"update t set v='u{i}' where k={i};\n"),
             ("delete-point", lambda i: f"delete from t where k={i};\n"))]


def run(argv, stdin_text, timeout):
    start = time.perf_counter()
    p = subprocess.run(argv, input=stdin_text, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - start, p


def engine_argv(engine, args, db):
    return [args.sluice, "sql", db] if engine == "sluice" else [args.sqlite3, db]


def time_case(engine, args, case, workdir):
    name, _, where, setup, ddl, body = case
    db = os.path.join(workdir, f"{engine}-{name}.db") if where == "FILE" else ":memory:"
    base_db = os.path.join(workdir, f"{engine}-{name}-base.db") if where == "FILE" else ":memory:"

    def fresh(path):
        for suffix in ("", "-wal", "-shm", "-journal"):
            if path != ":memory:" and os.path.exists(path + suffix):
                os.remove(path + suffix)

    if setup is not None:
        # The table is filled first (untimed); the timed run adds to it.
        fresh(db)
        _, p = run(engine_argv(engine, args, db), "".join(setup), args.timeout)
        if p.returncode != 0:
            raise SystemExit(f"{engine} {name} setup failed: {p.stderr}")
        base = 0.0
    else:
        times = []
        for _ in range(3):
            fresh(base_db)
            t, _ = run(engine_argv(engine, args, base_db), ddl, args.timeout)
            times.append(t)
        base = min(times)
        fresh(db)
    t, p = run(engine_argv(engine, args, db), ddl + body, args.timeout)
    if p.returncode != 0 or p.stderr:
        raise SystemExit(f"{engine} {name} failed (exit {p.returncode}): {p.stderr[:2000]}")
    _, check = run(engine_argv(engine, args, db), CHECK, args.timeout)
    fresh(db)
    return max(t - base, 0.0), check.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows per load (default 1000000)")
    ap.add_argument("--sluice", default=default_sluice())
    ap.add_argument("--sqlite3", default=os.environ.get("SQLITE3", "sqlite3"))
    ap.add_argument("--data-root", default=os.path.join(REPO, "build", "bench-keyed-data"))
    ap.add_argument("--out", default=os.path.join(REPO, "build", "bench-keyed-load.md"))
    ap.add_argument("--timeout", type=float, default=1800.0, help="per process, seconds")
    args = ap.parse_args()
    if shutil.which(args.sqlite3) is None and not os.path.exists(args.sqlite3):
        raise SystemExit(f"sqlite3 not found: {args.sqlite3}")
    csv = ensure_csv(args.rows, args.data_root)
    lines = [f"Keyed loads, {args.rows} rows, load average {os.getloadavg()[0]:.1f} at start",
             "", "| case | rows | sqlite3 s | sluice s | sqlite3/sluice | same result |", "|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    ok = True
    with tempfile.TemporaryDirectory(prefix="keyed-load-") as workdir:
        for case in cases(args.rows, csv):
            t_sqlite, r_sqlite = time_case("sqlite3", args, case, workdir)
            t_sluice, r_sluice = time_case("sluice", args, case, workdir)
            same = r_sqlite == r_sluice
            ok &= same
            ratio = f"{t_sqlite / t_sluice:.2f}x" if t_sluice > 0.0005 else "n/a"
            line = (f"| {case[0]} | {case[1]} | {t_sqlite:.3f} | {t_sluice:.3f} | {ratio} | "
                    f"{'yes' if same else 'NO: ' + r_sqlite + ' vs ' + r_sluice} |")
            lines.append(line)
            print(line, flush=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
