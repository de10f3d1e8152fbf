#!/usr/bin/env python3
"""Benchmark: `sluice crawl` vs LinkChecker on the same generated site.

usage: run_bench.py SLUICE [--pages 2000] [--latency-ms 5] [--skip-linkchecker]

Generates a make_site.py site (../shared/bench) on a free loopback port,
and for each checker starts a fresh serve_site.py (unthrottled for
LinkChecker, as README-site.md describes), runs the checker under a
timeout, stops the server and reads its statistics line. Reports, side by
side: dead URLs found vs the ground truth, wall time, distinct URLs
requested and URLs/s (from the server's request log, the same yardstick for
every checker), requests, the server's peak of requests in flight, and the
checker's CPU time (user + system, children included); then ratios.

Checkers (each crawls from "/", internal links only, robots.txt honoured):
  sluice -j16/8    sluice crawl --no-external (defaults: -j 16, --per-host 8)
  sluice -j16/16   the same with --per-host 16 (all 16 connections to the one host)
  linkchecker      linkchecker -f RC -o csv, RC = [checking] maxrequestspersecond=100000
A benchmark, not a test: nothing here asserts a time.
"""
import argparse
import csv
import io
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "crawl"))
from crawl_test_util import free_port  # noqa: E402  (one port picker for tests and bench)


def wait_listening(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def sluice_dead(out, origin):
    rep = json.loads(out)
    return {d["url"] for d in rep["dead"]}


def linkchecker_dead(out, origin):
    lines = [l for l in out.splitlines() if l and not l.startswith("#")]
    dead = set()
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        if row.get("valid", "").lower() != "false":
            continue
        parent = row.get("parentname") or origin + "/"
        base = row.get("baseref") or parent
        url = urllib.parse.urldefrag(urllib.parse.urljoin(base, row.get("urlname", "")))[0]
        dead.add(url)
    return dead


def run_checker(name, cmd, parse, site, port, latency, unthrottle, tmp, timeout):
    log = os.path.join(tmp, name.replace(" ", "_").replace("/", "-") + ".log")
    args = [sys.executable, os.path.join(SHARED, "serve_site.py"), site, "--seconds", str(timeout + 30),
            "--latency-ms", str(latency), "--log", log]
    if unthrottle:
        args.append("--unthrottle-linkchecker")
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    wait_listening(port)
    cpu0 = children_cpu()
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=tmp)
        out, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, status = e.stdout or "", "timeout"
    wall = time.monotonic() - t0
    cpu = children_cpu() - cpu0
    server.send_signal(signal.SIGTERM)
    stats = json.loads(server.communicate(timeout=30)[0].strip().splitlines()[-1])
    paths = set()
    with open(log) as f:
        for line in f:
            q = line.find('"')
            if q >= 0:
                parts = line[q + 1:].split(" ")
                if len(parts) >= 2:
                    paths.add(parts[1])
    return {"name": name, "status": status, "wall": wall, "cpu": cpu, "dead": parse(out, "http://127.0.0.1:%d" % port),
            "requests": stats["requests"], "peak": stats["peak_in_flight"], "urls": len(paths),
            "methods": stats.get("methods", {})}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sluice")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--latency-ms", type=float, default=5)
    ap.add_argument("--skip-linkchecker", action="store_true")
    ap.add_argument("--timeout", type=int, default=500)
    a = ap.parse_args()
    sluice = os.path.abspath(a.sluice)
    tmp = tempfile.mkdtemp(prefix="crawl-bench-")
    os.chmod(tmp, 0o755)  # LinkChecker drops root privileges to "nobody"
    try:
        port = free_port()
        site = os.path.join(tmp, "site")
        subprocess.run([sys.executable, os.path.join(SHARED, "make_site.py"), site, "--pages", str(a.pages),
                        "--port", str(port)], check=True)
        truth = json.load(open(site + ".truth.json"))
        start = "http://127.0.0.1:%d/" % port
        want = set(truth["dead_urls"])
        want_smap = want | {d["url"] for d in truth["sitemap_only_dead_links"]}
        rc = os.path.join(tmp, "linkcheckerrc")
        with open(rc, "w") as f:
            f.write("[checking]\nmaxrequestspersecond=100000\n")
        os.chmod(rc, 0o644)
        checkers = [
            ("sluice -j16/8", [sluice, "crawl", start, "--no-external", "--format", "json", "--no-progress"],
             sluice_dead, False),
            ("sluice -j16/16", [sluice, "crawl", start, "--no-external", "--per-host", "16", "--format", "json",
                                "--no-progress"], sluice_dead, False),
        ]
        if not a.skip_linkchecker:
            checkers.append(("linkchecker", ["linkchecker", "-f", rc, "-o", "csv", "--no-status", start],
                             linkchecker_dead, True))
        results = []
        for name, cmd, parse, unthrottle in checkers:
            print("running %s ..." % name, file=sys.stderr, flush=True)
            results.append(run_checker(name, cmd, parse, site, port, a.latency_ms, unthrottle, tmp, a.timeout))
        c = truth["counts"]
        print("\nsite: %d pages (%d reachable), %d unique internal URLs, %d dead URLs (+%d via sitemap), "
              "latency %g ms" % (c["html_pages_total"], c["html_pages_reachable"], c["unique_internal_urls"],
                                 len(want), len(want_smap) - len(want), a.latency_ms))
        print()
        print("| checker | exit | dead URLs vs truth | wall s | URLs requested | URLs/s | requests | peak in flight | CPU s |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in results:
            if r["dead"] == want:
                verdict = "== dead_urls (%d)" % len(want)
            elif r["dead"] == want_smap:
                verdict = "== dead_urls + sitemap-only (%d)" % len(want_smap)
            else:
                verdict = "%d: %d missing, %d extra" % (len(r["dead"]), len(want_smap - r["dead"]),
                                                         len(r["dead"] - want_smap))
            print("| %s | %s | %s | %.2f | %d | %.0f | %d | %d | %.2f |" % (
                r["name"], r["status"], verdict, r["wall"], r["urls"], r["urls"] / r["wall"], r["requests"],
                r["peak"], r["cpu"]))
        if len(results) == 3:
            lc = results[2]
            print()
            for r in results[:2]:
                print("%s vs linkchecker: %.1fx faster (wall), %.1fx the URLs/s, %.2fx the CPU time" % (
                    r["name"], lc["wall"] / r["wall"], (r["urls"] / r["wall"]) / (lc["urls"] / lc["wall"]),
                    r["cpu"] / lc["cpu"] if lc["cpu"] else float("nan")))
            missing = sorted(want - lc["dead"])[:5]
            extra = sorted(lc["dead"] - want_smap)[:5]
            if missing or extra:
                print("linkchecker: missing e.g. %s; extra e.g. %s" % (missing, extra))
        for r in results:
            print("%s: methods %s" % (r["name"], r["methods"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
