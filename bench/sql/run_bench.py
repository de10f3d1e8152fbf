#!/usr/bin/env python3
"""Side-by-side SQL benchmark: `sluice sql` vs `sqlite3` (vs DuckDB when importable).

Data:    ../shared/bench/sql/gen_data.py, cached in build/bench-sql-data/scale-S/.
Queries: ../shared/bench/sql/queries.sql, one query per line.
Both shells read the same script from stdin.  See bench/sql/README.md for what
is measured and how.

usage: bench/sql/run_bench.py [--scale S] [--engines sqlite3,sluice,duckdb]
                              [--sluice PATH] [--sqlite3 PATH] [--repeat N]
Run it under `nice -n 10` on a shared machine; engines always run one after
another, never in parallel.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "bench", "sql")

# The chapter's column names.  The chapter's own tables carry no declared
# types; every value in its animals/cities/temps examples is an integer or a
# string, and gen_data.py writes integers and names.  `.import` into an
# existing table stores CSV fields as text unless the column's type affinity
# converts them, so we declare INTEGER/TEXT: the numbers become integers as in
# the chapter (and `weight/legs` stays SQLite integer division).  The SAME DDL
# is given to every engine.
TABLES = [
    ("cities", "create table cities(latitude integer, longitude integer, name text);"),
    ("temps", "create table temps(city text, temp integer);"),
    ("animals", "create table animals(name text, legs integer, weight integer);"),
]

RUN_TIME = re.compile(r"^Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)")
MARK = re.compile(r"^##Q(\d+)\.(\d+)$")
ERR_LINE = re.compile(r"line (\d+)")


# ----------------------------------------------------------------------------
# helpers

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def scale_name(scale):
    return f"{scale:g}"


def ensure_data(scale, data_root):
    d = os.path.join(data_root, f"scale-{scale_name(scale)}")
    stamp = os.path.join(d, ".complete")
    if os.path.exists(stamp):
        log(f"data: reusing {d}")
        return d
    log(f"data: generating scale {scale_name(scale)} into {d} ...")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(SHARED, "gen_data.py"), d,
                    "--scale", str(scale)], check=True)
    with open(stamp, "w") as f:
        f.write(f"{scale}\n")
    log(f"data: generated in {time.perf_counter() - t0:.1f} s")
    return d


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            n += b.count(b"\n")
    return n


def read_queries(path):
    qs = []
    with open(path) as f:
        for line in f:
            s = line.strip()
            if s and not s.startswith("--"):
                qs.append(s)
    return qs


def outer_has_order_by(q):
    """True when the outermost select has ORDER BY (parenthesised parts ignored)."""
    depth, out = 0, []
    for ch in q:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return re.search(r"\border\s+by\b", "".join(out), re.I) is not None


def run_timed(argv, stdin_text, timeout):
    """Run argv with stdin_text; return (wall_s, rc, stdout, stderr, maxrss_MB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        out, err = p.communicate(stdin_text, timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return None, "timeout", out, err, None
    wall = time.perf_counter() - t0
    return wall, p.returncode, out, err, None


def run_timed_rusage(argv, stdin_text, timeout):
    """Like run_timed but also returns the child's peak RSS (MB) via wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    # Feed stdin and drain outputs in threads so that we can wait4 ourselves.
    import threading
    res = {}

    def feed():
        try:
            p.stdin.write(stdin_text)
            p.stdin.close()
        except BrokenPipeError:
            pass

    def drain(name, stream):
        res[name] = stream.read()

    ts = [threading.Thread(target=feed),
          threading.Thread(target=drain, args=("out", p.stdout)),
          threading.Thread(target=drain, args=("err", p.stderr))]
    for t in ts:
        t.start()
    deadline = t0 + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            pid, status, rusage = os.wait4(p.pid, 0)
            status = None
            break
        time.sleep(0.002)
    wall = time.perf_counter() - t0
    p.returncode = 0  # reaped by us; keep Popen from waiting again
    for t in ts:
        t.join()
    if status is None:
        return None, "timeout", res.get("out", ""), res.get("err", ""), None
    rc = os.waitstatus_to_exitcode(status)
    return wall, rc, res.get("out", ""), res.get("err", ""), rusage.ru_maxrss / 1024.0


# ----------------------------------------------------------------------------
# shells (sqlite3 and sluice sql)

def shell_argv(engine, args):
    if engine == "sqlite3":
        return [args.sqlite3]
    return [args.sluice, "sql"]


def load_script(data_dir, tables):
    lines = []
    for name, ddl in TABLES:
        if name in tables:
            lines.append(ddl)
    for name, _ in TABLES:
        if name in tables:
            lines.append(f".import --csv {os.path.join(data_dir, name + '.csv')} {name}")
    return "\n".join(lines) + "\n"


def shell_load_times(engine, args, data_dir):
    """Wall time of `.import` of each table, each in its own process (the
    process start + create table, measured alone, is subtracted)."""
    argv = shell_argv(engine, args)
    base = []
    for _ in range(3):
        w, rc, _, _, _ = run_timed(argv, TABLES[0][1] + "\n", args.timeout)
        base.append(w)
    startup = min(base)
    res = {"startup": startup}
    for name, _ in TABLES:
        w, rc, out, err, rss = run_timed_rusage(argv, load_script(data_dir, [name]), args.timeout)
        res[name] = {"wall": None if w is None else max(0.0, w - startup),
                     "rc": rc, "err": err.strip(), "rss": rss}
        log(f"  {engine}: .import {name}: "
            f"{'timeout' if w is None else f'{w - startup:.3f} s'}"
            f"{'' if rc == 0 else f' (rc={rc})'}")
    return res


def shell_queries(engine, args, data_dir, queries):
    """One process: load all tables, then `.timer on` and every query
    (args.repeat times each), separated by `select '##Qi.r';` markers."""
    lines = load_script(data_dir, [t for t, _ in TABLES]).rstrip("\n").split("\n")
    lines.append(".timer on")
    qline = {}  # script line number (1-based) -> (qi, r)
    for qi, q in enumerate(queries, 1):
        for r in range(1, args.repeat + 1):
            lines.append(f"select '##Q{qi}.{r}';")
            lines.append(q)
            qline[len(lines)] = (qi, r)
    script = "\n".join(lines) + "\n"
    w, rc, out, err, rss = run_timed_rusage(shell_argv(engine, args), script, args.timeout)
    res = {"total_wall": w, "rc": rc, "rss": rss, "stderr": err, "queries": {}}
    # errors on stderr, mapped to queries by line number
    errs = {}
    for el in err.splitlines():
        m = ERR_LINE.search(el)
        if m and int(m.group(1)) in qline:
            errs.setdefault(qline[int(m.group(1))], []).append(el)
    segs, cur = {}, None
    for ln in out.split("\n"):
        m = MARK.match(ln)
        if m:
            cur = (int(m.group(1)), int(m.group(2)))
            segs[cur] = {"lines": [], "times": [], "cpu": []}
            continue
        if cur is None:
            continue
        t = RUN_TIME.match(ln)
        if t:
            segs[cur]["times"].append(float(t.group(1)))
            segs[cur]["cpu"].append(float(t.group(2)) + float(t.group(3)))
        else:
            segs[cur]["lines"].append(ln)
    for qi in range(1, len(queries) + 1):
        times, cpus, result, error = [], [], None, None
        for r in range(1, args.repeat + 1):
            s = segs.get((qi, r))
            e = errs.get((qi, r))
            if s is None:
                error = error or "no output (crash or timeout?)"
                continue
            lines_ = s["lines"]
            while lines_ and lines_[-1] == "":
                lines_.pop()
            # times[0] is the marker select's own Run Time line
            if e:
                error = error or " / ".join(e)
            elif len(s["times"]) >= 2:
                times.append(s["times"][-1])
                cpus.append(s["cpu"][-1])
            else:
                error = error or "no Run Time line"
            if result is None:
                result = lines_
        res["queries"][qi] = {"time": min(times) if times else None,
                              "cpu_min": min(cpus) if cpus else None,
                              "times": times, "cpu": cpus, "result": result, "error": error}
    return res


# ----------------------------------------------------------------------------
# DuckDB (in a child Python process, so its memory is separate and measurable)

def duckdb_rewrite(q):
    # DuckDB's `/` on integers is real division; `//` is SQLite's integer `/`.
    return q.replace("weight/legs", "weight//legs")


def fmt_value(v):
    if v is None:
        return ""
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return f"{v:.1f}"
        return repr(v)
    return str(v)


def duckdb_worker(spec_path):
    import duckdb
    with open(spec_path) as f:
        spec = json.load(f)
    con = duckdb.connect()
    con.execute(f"SET threads={int(spec['threads'])}")
    out = {"version": duckdb.__version__, "load": {}, "queries": {}}
    for name, ddl in TABLES:
        con.execute(ddl)
    for name, _ in TABLES:
        path = os.path.join(spec["data_dir"], name + ".csv")
        t0 = time.perf_counter()
        con.execute(f"COPY {name} FROM '{path}' (FORMAT csv, HEADER false)")
        out["load"][name] = time.perf_counter() - t0
    for qi, q in enumerate(spec["queries"], 1):
        q2 = duckdb_rewrite(q)
        times, rows, error = [], None, None
        for _ in range(spec["repeat"]):
            try:
                t0 = time.perf_counter()
                r = con.execute(q2).fetchall()
                times.append(time.perf_counter() - t0)
                if rows is None:
                    rows = ["|".join(fmt_value(v) for v in row) for row in r]
            except Exception as e:  # noqa: BLE001
                error = str(e).splitlines()[0]
        out["queries"][qi] = {"time": min(times) if times else None,
                              "result": rows, "error": error, "sql": q2}
    json.dump(out, sys.stdout)


def run_duckdb(args, data_dir, queries):
    spec = {"data_dir": data_dir, "queries": queries, "repeat": args.repeat,
            "threads": args.duckdb_threads}
    spec_path = os.path.join(REPO, "build", f".bench-sql-duckdb-{os.getpid()}.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    try:
        w, rc, out, err, rss = run_timed_rusage(
            [sys.executable, os.path.abspath(__file__), "--duckdb-worker", spec_path],
            "", args.timeout)
    finally:
        os.unlink(spec_path)
    if rc != 0:
        log(f"  duckdb failed (rc={rc}): {err.strip()[-500:]}")
        return None
    res = json.loads(out)
    res["rss"] = rss
    for name in res["load"]:
        log(f"  duckdb: COPY {name}: {res['load'][name]:.3f} s")
    return res


def duckdb_available(try_install):
    try:
        import duckdb  # noqa: F401
        return True, duckdb.__version__
    except ImportError:
        pass
    if try_install:
        log("duckdb: not importable, trying `pip install duckdb` once ...")
        r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            import importlib
            importlib.invalidate_caches()
            try:
                import duckdb  # noqa: F401
                return True, duckdb.__version__
            except ImportError:
                pass
        log("duckdb: the wheel could not be installed; skipping DuckDB: "
            + (r.stderr.strip().splitlines() or ["?"])[-1])
    return False, None


# ----------------------------------------------------------------------------
# comparison and report

def same_result(a, b, ordered):
    if a is None or b is None:
        return False
    return a == b if ordered else sorted(a) == sorted(b)


def fmt_t(t):
    if t is None:
        return "—"
    return f"{t:.3f}"


def fmt_ratio(num, den):
    if num is None or den is None:
        return "—"
    if den <= 0.0 or num <= 0.0:
        return "n/a (<1 ms)"  # .timer has millisecond resolution
    return f"{num / den:.2f}x"


def shorten(q, n=58):
    return q if len(q) <= n else q[: n - 1] + "…"


def sh_version(argv):
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except Exception:  # noqa: BLE001
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="data scale (1: 10M animals, 1M cities/temps; 0.01 for a smoke run)")
    ap.add_argument("--engines", default="sqlite3,sluice,duckdb",
                    help="comma list of sqlite3, sluice, duckdb (default: all)")
    ap.add_argument("--sluice", default=None,
                    help="sluice binary (default: $SLUICE, else build/release/sluice, "
                         "else build/lead-rel/sluice)")
    ap.add_argument("--sqlite3", default=os.environ.get("SQLITE3", "sqlite3"))
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each query N times in the same process, keep the fastest")
    ap.add_argument("--duckdb-threads", type=int, default=1,
                    help="DuckDB threads (default 1: the goal is single-threaded)")
    ap.add_argument("--no-install", action="store_true",
                    help="do not try `pip install duckdb` when it is missing")
    ap.add_argument("--data-root", default=os.path.join(REPO, "build", "bench-sql-data"))
    ap.add_argument("--queries", default=os.path.join(SHARED, "queries.sql"))
    ap.add_argument("--out", default=os.path.join(REPO, "build", "bench-sql-results.md"))
    ap.add_argument("--timeout", type=float, default=3600.0,
                    help="seconds allowed per engine process")
    ap.add_argument("--duckdb-worker", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.duckdb_worker:
        duckdb_worker(args.duckdb_worker)
        return 0

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    for e in engines:
        if e not in ("sqlite3", "sluice", "duckdb"):
            ap.error(f"unknown engine {e!r}")
    if args.sluice is None:
        args.sluice = os.environ.get("SLUICE")
        for cand in ("build/release/sluice", "build/lead-rel/sluice"):
            p = os.path.join(REPO, cand)
            if args.sluice is None and os.access(p, os.X_OK):
                args.sluice = p
    if "sluice" in engines and not (args.sluice and os.access(args.sluice, os.X_OK)):
        ap.error("no sluice binary; pass --sluice PATH")
    if "sqlite3" in engines and not shutil.which(args.sqlite3):
        ap.error(f"{args.sqlite3} not found")

    notes = []
    duck_version = None
    if "duckdb" in engines:
        ok, duck_version = duckdb_available(not args.no_install)
        if not ok:
            engines.remove("duckdb")
            notes.append("DuckDB skipped: `import duckdb` failed and the wheel could not be installed.")

    data_dir = ensure_data(args.scale, args.data_root)
    rows = {name: count_lines(os.path.join(data_dir, name + ".csv")) for name, _ in TABLES}
    queries = read_queries(args.queries)
    ordered = [outer_has_order_by(q) for q in queries]
    load_avg = os.getloadavg()

    results, loads = {}, {}
    for e in engines:  # strictly one after another
        log(f"engine {e}:")
        if e == "duckdb":
            d = run_duckdb(args, data_dir, queries)
            if d is None:
                notes.append("DuckDB run failed; column left empty.")
                continue
            results[e] = d
            loads[e] = {t: {"wall": d["load"][t]} for t in d["load"]}
        else:
            loads[e] = shell_load_times(e, args, data_dir)
            log(f"  {e}: load + {len(queries)} queries x{args.repeat} ...")
            results[e] = shell_queries(e, args, data_dir, queries)
            for qi in range(1, len(queries) + 1):
                r = results[e]["queries"][qi]
                log(f"  {e}: Q{qi}: {fmt_t(r['time'])} s"
                    + (f"  ERROR {r['error']}" if r["error"] else ""))

    # ------------------------------------------------------------------ report
    def qres(e, qi):
        return results.get(e, {}).get("queries", {}).get(qi) or \
            results.get(e, {}).get("queries", {}).get(str(qi))

    have_duck = "duckdb" in results
    diffs, duck_diffs = [], []
    table = []
    for qi, q in enumerate(queries, 1):
        s, l, d = qres("sqlite3", qi), qres("sluice", qi), qres("duckdb", qi)
        st = s["time"] if s else None
        lt = l["time"] if l else None
        dt = d["time"] if d else None
        if s and l:
            same = same_result(s["result"], l["result"], ordered[qi - 1]) \
                and not s["error"] and not l["error"]
            if not same:
                diffs.append((qi, q, s, l))
            same_s = "yes" if same else "**NO**"
        else:
            same_s = "—"
        if d and s and not same_result(s["result"], d["result"], ordered[qi - 1]):
            duck_diffs.append((qi, d, s))
        sc = s.get("cpu_min") if s else None
        lc = l.get("cpu_min") if l else None
        cpu_ratio = "—" if not sc or not lc else f"{sc / lc:.2f}x"
        table.append([f"Q{qi}", shorten(q), fmt_t(st), fmt_t(lt), fmt_ratio(st, lt), cpu_ratio,
                      fmt_t(dt) + ("" if not d or not s or (qi, d, s) not in duck_diffs else " ≠"),
                      same_s])

    hdr = ["#", "query", "sqlite3 s", "sluice s", "sqlite3/sluice", "cpu ratio", "duckdb s",
           "same result"]
    if not have_duck:
        hdr[6] = "duckdb s (skipped)"

    load_tab = []
    for name, _ in TABLES:
        st = loads.get("sqlite3", {}).get(name, {}).get("wall")
        lt = loads.get("sluice", {}).get(name, {}).get("wall")
        dt = loads.get("duckdb", {}).get(name, {}).get("wall")
        load_tab.append([name, f"{rows[name]:,}", fmt_t(st), fmt_t(lt), fmt_ratio(st, lt), fmt_t(dt)])
    lhdr = ["table", "rows", "sqlite3 .import s", "sluice .import s", "sqlite3/sluice",
            "duckdb COPY s"]

    # speed goal check
    goal_lines = []
    if "sqlite3" in results and "sluice" in results:
        slow = [(qi, qres("sqlite3", qi)["time"], qres("sluice", qi)["time"])
                for qi in range(1, len(queries) + 1)
                if qres("sqlite3", qi)["time"] is not None and qres("sqlite3", qi)["time"] > 0.1]
        met = [qi for qi, st, lt in slow if lt is not None and lt > 0 and st / lt >= 5.0]
        not_met = [qi for qi, _, _ in slow if qi not in met]
        goal_lines.append(
            f"- Queries where sqlite3 takes > 0.1 s: {len(slow)}; at least 5x faster in sluice: "
            f"{len(met)}" + (f" ({', '.join(f'Q{q}' for q in met)})" if met else "")
            + (f"; not: {', '.join(f'Q{q}' for q in not_met)}" if not_met else "") + ".")
        st = loads["sqlite3"]["animals"]["wall"]
        lt = loads["sluice"]["animals"]["wall"]
        imp_ok = st is not None and lt is not None and lt <= st
        goal_lines.append(
            f"- `.import` of animals ({rows['animals']:,} rows): sqlite3 {fmt_t(st)} s, sluice "
            f"{fmt_t(lt)} s ({fmt_ratio(st, lt)}): {'as fast or faster' if imp_ok else 'SLOWER'}"
            + ("" if rows["animals"] >= 10_000_000 else " (the goal is stated for 10M rows)") + ".")
        all_same = not diffs
        goal_lines.append(
            f"- Goal (every sqlite3 query > 0.1 s at least 5x faster, 10M-row .import at least as "
            f"fast, same results): **{'MET' if (not not_met and imp_ok and all_same and rows['animals'] >= 10_000_000) else 'NOT met'}**"
            + (" at this scale" if rows["animals"] < 10_000_000 else "") + ".")

    env = [
        f"date: {datetime.datetime.now().isoformat(timespec='seconds')}",
        f"scale: {scale_name(args.scale)} (animals {rows['animals']:,}, cities {rows['cities']:,}, "
        f"temps {rows['temps']:,}); data: {os.path.relpath(data_dir, REPO)}",
        f"sqlite3: {sh_version([args.sqlite3, '--version'])}" if "sqlite3" in engines else "",
        f"sluice: {args.sluice}" + (
            f" (built {datetime.datetime.fromtimestamp(os.path.getmtime(args.sluice)).isoformat(timespec='minutes')})"
            if "sluice" in engines else ""),
        f"duckdb: {duck_version} (Python, threads={args.duckdb_threads})" if have_duck else "duckdb: —",
        f"repeat: {args.repeat} (fastest kept); machine: {os.cpu_count()} cpus, "
        f"load average at start {load_avg[0]:.2f}",
    ]
    peak = [f"{e} {results[e]['rss']:.0f} MB" for e in engines
            if e in results and results[e].get("rss")]
    if peak:
        env.append("peak RSS of the process holding all tables: " + ", ".join(peak))
    env = [x for x in env if x]

    def md_table(h, rs):
        out = ["| " + " | ".join(h) + " |", "|" + "|".join("---" for _ in h) + "|"]
        for r in rs:
            out.append("| " + " | ".join(x.replace("|", "\\|") for x in r) + " |")
        return out

    def txt_table(h, rs):
        w = [max(len(h[i]), *(len(r[i]) for r in rs)) for i in range(len(h))]
        out = ["  ".join(h[i].ljust(w[i]) for i in range(len(h))),
               "  ".join("-" * w[i] for i in range(len(h)))]
        for r in rs:
            out.append("  ".join(r[i].ljust(w[i]) for i in range(len(h))))
        return out

    diff_lines = []
    for qi, q, s, l in diffs:
        diff_lines.append(f"Q{qi}: {q}")
        for nm, r in (("sqlite3", s), ("sluice", l)):
            body = r["result"] if r["result"] is not None else []
            shown = body[:20] + ([f"... ({len(body)} lines)"] if len(body) > 20 else [])
            diff_lines.append(f"  {nm}:" + (f" ERROR {r['error']}" if r["error"] else ""))
            diff_lines += ["    " + x for x in shown]
    duck_lines = []
    for qi, d, s in duck_diffs:
        duck_lines.append(f"Q{qi} (DuckDB ran: {d.get('sql')})"
                          + (f" ERROR {d['error']}" if d.get("error") else ""))
        duck_lines.append("  sqlite3: " + " / ".join((s["result"] or [])[:6]))
        duck_lines.append("  duckdb:  " + " / ".join((d["result"] or [])[:6]))

    md = [f"# sluice sql vs sqlite3 — scale {scale_name(args.scale)}", ""]
    md += [f"- {x}" for x in env] + [""]
    md += ["## Queries (wall time of each statement, `.timer on` \"Run Time: real\"; "
           "ratio = sqlite3/sluice, >1 means sluice is faster; cpu ratio = the same on "
           "user+sys CPU time)", ""]
    md += md_table(hdr, table) + [""]
    md += ["## Load (`.import --csv` into the pre-created tables, wall time per table)", ""]
    md += md_table(lhdr, load_tab) + [""]
    if goal_lines:
        md += ["## Speed goal", ""] + goal_lines + [""]
    if diff_lines:
        md += ["## Result differences sluice vs sqlite3 (bugs)", "", "```"] + diff_lines + ["```", ""]
    if duck_lines:
        md += ["## DuckDB results that differ from sqlite3 (informational; ≠ in the table)", "",
               "```"] + duck_lines + ["```", ""]
    if notes:
        md += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    text = "\n".join(md)
    with open(args.out, "w") as f:
        f.write(text)
    base, ext = os.path.splitext(args.out)
    with open(f"{base}-scale-{scale_name(args.scale)}{ext}", "w") as f:
        f.write(text)
    with open(f"{base}-scale-{scale_name(args.scale)}.json", "w") as f:  # raw figures
        json.dump({"env": env, "queries": queries, "loads": loads, "rows": rows,
                   "results": {e: {k: v for k, v in r.items() if k != "stderr"}
                               for e, r in results.items()}}, f, indent=1, default=str)

    print()
    for x in env:
        print(x)
    print()
    print("\n".join(txt_table(hdr, table)))
    print()
    print("\n".join(txt_table(lhdr, load_tab)))
    print()
    for x in goal_lines:
        print(x.replace("**", ""))
    if diff_lines:
        print("\nRESULT DIFFERENCES (sluice vs sqlite3):")
        print("\n".join(diff_lines))
    if duck_lines:
        print("\nDuckDB results differing from sqlite3 (informational):")
        print("\n".join(duck_lines))
    for n in notes:
        print("note: " + n)
    print(f"\nmarkdown written to {os.path.relpath(args.out, REPO)}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
