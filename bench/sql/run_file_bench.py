#!/usr/bin/env python3
"""File databases: `sluice sql FILE` vs `sqlite3 FILE` (WAL mode, synchronous=FULL).

The file-database benchmark, one engine after the other in one run:
  1. bulk: `.import` of cities and temps, then of the 10M-row animals.csv, into
     a new database file (wall time of the animals import);
  2. size on disk of the closed database (all its files);
  3. reopen: time to open and answer a first query, then every query of
     ../shared/bench/sql/queries.sql (`.timer on`), results compared;
  4. small transactions: N single-row INSERTs each in its own transaction, and
     the same rows in transactions of 1,000; rows/s.

usage: bench/sql/run_file_bench.py [--scale S] [--small-rows N] [--sluice PATH]
                                   [--sqlite3 PATH] [--dir DIR] [--out FILE]
Data comes from run_bench.py's cache (build/bench-sql-data/scale-S).
"""
import argparse
import datetime
import glob
import importlib.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("run_bench", os.path.join(HERE, "run_bench.py"))
rb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rb)

SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n"


def argv_for(engine, args, db):
    return [args.sqlite3, db] if engine == "sqlite3" else [args.sluice, "sql", db]


def remove_db(db):
    for p in glob.glob(db + "*"):
        os.remove(p)


def db_size(db):
    return sum(os.path.getsize(p) for p in glob.glob(db + "*"))


def run(engine, args, db, script):
    prefix = SQLITE_PRAGMAS if engine == "sqlite3" else ""
    w, rc, out, err, _ = rb.run_timed(argv_for(engine, args, db), prefix + script, args.timeout)
    if rc != 0 or err.strip():
        rb.log(f"  {engine}: rc={rc} stderr: {err.strip()[:300]}")
    return w, out, err


def bulk(engine, args, data_dir, db):
    remove_db(db)
    ddl = "\n".join(d for _, d in rb.TABLES) + "\n"
    small = "".join(f".import --csv {os.path.join(data_dir, t + '.csv')} {t}\n" for t in ("cities", "temps"))
    run(engine, args, db, ddl + small)
    startup = min(run(engine, args, db, "select 1;\n")[0] for _ in range(3))
    w, _, _ = run(engine, args, db, f".import --csv {os.path.join(data_dir, 'animals.csv')} animals\n")
    return max(0.0, w - startup), startup


def reopen_queries(engine, args, db, queries):
    first, _, _ = run(engine, args, db, "select count(*) from animals;\n")
    lines = [".timer on"]
    for qi, q in enumerate(queries, 1):
        lines.append(f"select '##Q{qi}.1';")
        lines.append(q)
    _, out, err = run(engine, args, db, "\n".join(lines) + "\n")
    res, cur = {}, None
    for ln in out.split("\n"):
        m = rb.MARK.match(ln)
        if m:
            cur = int(m.group(1))
            res[cur] = {"lines": [], "times": []}
            continue
        if cur is None:
            continue
        t = rb.RUN_TIME.match(ln)
        if t:
            res[cur]["times"].append(float(t.group(1)))
        elif ln:
            res[cur]["lines"].append(ln)
    return first, res


def small_transactions(engine, args, db, n, batch):
    remove_db(db)
    run(engine, args, db, "create table s(i integer, t text);\n")
    body = []
    for start in range(0, n, batch):
        if batch > 1:
            body.append("BEGIN;")
        for i in range(start, min(n, start + batch)):
            body.append(f"insert into s values ({i}, 'row {i}');")
        if batch > 1:
            body.append("COMMIT;")
    w, _, _ = run(engine, args, db, "\n".join(body) + "\n")
    check = run(engine, args, db, "select count(*) from s;\n")[1].strip().split("\n")[-1]
    if check != str(n):
        rb.log(f"  {engine}: expected {n} rows, found {check!r}")
    return n / w


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--small-rows", type=int, default=100000)
    ap.add_argument("--sluice", default=os.path.join(rb.REPO, "build", "release", "sluice"))
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--dir", default=os.path.join(rb.REPO, "build", "bench-file-db"))
    ap.add_argument("--data-root", default=os.path.join(rb.REPO, "build", "bench-sql-data"))
    ap.add_argument("--out", default=os.path.join(rb.REPO, "build", "bench-file-results.md"))
    ap.add_argument("--timeout", type=float, default=7200.0)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    data_dir = rb.ensure_data(args.scale, args.data_root)
    queries = rb.read_queries(os.path.join(rb.SHARED, "queries.sql"))
    engines = ["sqlite3", "sluice"]
    r = {e: {} for e in engines}
    for e in engines:
        db = os.path.join(args.dir, f"{e}.db")
        rb.log(f"{e}: bulk import ...")
        r[e]["import"], r[e]["startup"] = bulk(e, args, data_dir, db)
        r[e]["size"] = db_size(db)
        rb.log(f"{e}: animals import {r[e]['import']:.3f} s, size {r[e]['size'] / 1e6:.1f} MB; queries ...")
        r[e]["open"], r[e]["queries"] = reopen_queries(e, args, db, queries)
        rb.log(f"{e}: small transactions ...")
        sdb = os.path.join(args.dir, f"{e}-small.db")
        r[e]["tx1"] = small_transactions(e, args, sdb, args.small_rows, 1)
        r[e]["tx1000"] = small_transactions(e, args, sdb, args.small_rows, 1000)
        rb.log(f"{e}: {r[e]['tx1']:.0f} rows/s single, {r[e]['tx1000']:.0f} rows/s batched")

    md = [f"# File databases: sluice vs sqlite3 (WAL, synchronous=FULL) — scale {rb.scale_name(args.scale)}", "",
          f"- date: {datetime.datetime.now().isoformat(timespec='seconds')}; machine: {os.cpu_count()} cpus, "
          f"load average at end {os.getloadavg()[0]:.2f}",
          f"- sqlite3: {rb.sh_version([args.sqlite3, '-version'])}; sluice: {args.sluice}", "",
          "| measure | sqlite3 | sluice | sqlite3/sluice |", "|---|---|---|---|"]
    s, l = r["sqlite3"], r["sluice"]
    md.append(f"| `.import` animals (10M rows) into the file, s | {s['import']:.3f} | {l['import']:.3f} | "
              f"{s['import'] / l['import']:.2f}x |")
    md.append(f"| size on disk, MB | {s['size'] / 1e6:.1f} | {l['size'] / 1e6:.1f} | "
              f"{s['size'] / l['size']:.2f}x |")
    md.append(f"| reopen + first `count(*)` (process wall), s | {s['open']:.3f} | {l['open']:.3f} | "
              f"{s['open'] / l['open']:.2f}x |")
    md.append(f"| {args.small_rows:,} single-row transactions, rows/s | {s['tx1']:.0f} | {l['tx1']:.0f} | "
              f"{l['tx1'] / s['tx1']:.2f}x (sluice/sqlite3) |")
    md.append(f"| same in transactions of 1,000, rows/s | {s['tx1000']:.0f} | {l['tx1000']:.0f} | "
              f"{l['tx1000'] / s['tx1000']:.2f}x (sluice/sqlite3) |")
    md += ["", "## Queries after reopening (`.timer on`, s)", "",
           "| # | query | sqlite3 | sluice | sqlite3/sluice | same result |", "|---|---|---|---|---|---|"]
    met = True
    for qi, q in enumerate(queries, 1):
        a, b = s["queries"].get(qi, {}), l["queries"].get(qi, {})
        ta = a.get("times", [None, None])[-1] if len(a.get("times", [])) >= 2 else None
        tb = b.get("times", [None, None])[-1] if len(b.get("times", [])) >= 2 else None
        same = rb.same_result(a.get("lines"), b.get("lines"), rb.outer_has_order_by(q))
        ratio = f"{ta / tb:.2f}x" if ta and tb else "n/a"
        if ta is not None and ta > 0.1 and (tb is None or ta / max(tb, 1e-9) < 5):
            met = False
        if not same:
            met = False
        md.append(f"| Q{qi} | {rb.shorten(q)} | {ta} | {tb} | {ratio} | {'yes' if same else 'NO'} |")
    goal_import = l["import"] <= s["import"]
    goal_size = l["size"] * 2 <= s["size"]
    goal_tx = l["tx1"] >= s["tx1"] and l["tx1000"] >= s["tx1000"]
    md += ["", "## File-database goals", "",
           f"- import at least as fast as sqlite3: {'met' if goal_import else 'NOT met'}",
           f"- every query sqlite3 needs > 0.1 s at least 5x faster, same results: {'met' if met else 'NOT met'}",
           f"- at most half sqlite3's size on disk: {'met' if goal_size else 'NOT met'}",
           f"- small transactions at least sqlite3's rate: {'met' if goal_tx else 'NOT met'}"]
    with open(args.out, "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
