#!/usr/bin/env python3
"""site_test.py SLUICE SHARED_BENCH_DIR

`sluice crawl` against a generated 200-page site (make_site.py) served on
127.0.0.1 (serve_site.py, which stops by itself): the reported dead URLs
equal the ground truth exactly, every (page, href) of it is reported,
robots-only pages are not fetched, sitemap-only pages are, missing anchors
match with --check-anchors, the four formats have their shape, the report
does not depend on the concurrency, and the options that cut the crawl do."""
import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crawl_test_util import Checker, free_port, run, wait_listening  # noqa: E402

sluice, bench = sys.argv[1], sys.argv[2]
c = Checker("crawl.site")
tmp = tempfile.mkdtemp(prefix="crawl-site-")
server = None
try:
    port = free_port()
    site = os.path.join(tmp, "site")
    subprocess.run([sys.executable, os.path.join(bench, "make_site.py"), site, "--pages", "200",
                    "--port", str(port)], check=True, stdout=subprocess.DEVNULL)
    truth = json.load(open(site + ".truth.json"))
    log = os.path.join(tmp, "requests.log")
    # --seconds bounds the server's life even if this script dies.
    server = subprocess.Popen([sys.executable, os.path.join(bench, "serve_site.py"), site, "--seconds", "120",
                               "--latency-ms", "1", "--slow-ms", "200", "--log", log],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port)
    start = "http://127.0.0.1:%d/" % port

    def crawl_json(*extra):
        status, out, err = run(sluice, [start, "--format", "json"] + list(extra))
        try:
            return status, json.loads(out), err
        except ValueError:
            c.check(False, "JSON output of %s parses" % (extra,), out[:500] + err[:500])
            return status, {"dead": [], "summary": {}}, err

    def pairs(report):
        return {(s["page"], s["href"], d["url"]) for d in report["dead"] for s in d["sources"]}

    # 1. The robots-respecting crawl from "/" without sitemap or external
    #    links is exactly what the truth describes.
    status, rep, err = crawl_json("--no-external", "--no-sitemap")
    c.check(status == 1, "exit status 1 when links are dead", "got %d: %s" % (status, err))
    got = sorted(d["url"] for d in rep["dead"])
    c.check(got == truth["dead_urls"], "dead URLs == truth dead_urls (%d)" % len(truth["dead_urls"]),
            "extra %s missing %s" % (sorted(set(got) - set(truth["dead_urls"])),
                                     sorted(set(truth["dead_urls"]) - set(got))))
    want_pairs = {(d["source"], d["href"], d["url"]) for d in truth["dead_links"]}
    c.check(want_pairs <= pairs(rep), "every (page, href) of dead_links is reported (%d)" % len(want_pairs),
            str(sorted(want_pairs - pairs(rep))[:5]))
    by_url = {d["url"]: d for d in rep["dead"]}
    bad_status = [d for d in truth["dead_links"] if d["url"] in by_url and
                  (by_url[d["url"]]["status"] != d["status"] if d["status"] != "redirect-loop"
                   else by_url[d["url"]]["status"] is not None or "loop" not in by_url[d["url"]]["error"])]
    c.check(not bad_status, "statuses match the truth (404, 500, redirect loop as null)", str(bad_status[:3]))
    lines_ok = all(isinstance(s["line"], int) and s["line"] > 0 for d in rep["dead"] for s in d["sources"])
    c.check(lines_ok, "every source has a line number")
    c.check(set(rep) == {"dead", "notes", "summary"}
            and set(rep["summary"]) == {"pages", "links", "urls", "dead", "redirects", "robots_skipped", "excluded",
                                        "not_followed", "interrupted", "requests", "seconds"}
            and all(list(d) == ["url", "status", "error", "sources"] for d in rep["dead"])
            and all(list(s) == ["page", "href", "line"] for d in rep["dead"] for s in d["sources"]),
            "JSON shape {dead:[{url,status,error,sources:[{page,href,line}]}], notes, summary:{pages,...,seconds}}")
    c.check(rep["summary"]["robots_skipped"] > 0 and rep["summary"]["redirects"] > 0
            and "%d redirects followed" % rep["summary"]["redirects"] in rep["notes"]
            and "%d URLs not fetched: robots.txt disallows them" % rep["summary"]["robots_skipped"] in rep["notes"],
            "JSON: redirects followed and URLs skipped by robots.txt, counted and noted", str(rep["notes"]))
    c.check(rep["summary"].get("dead") == len(rep["dead"]), "summary.dead counts the dead URLs")
    c.check(all("#" not in d["url"] and d["url"].startswith("http://") for d in rep["dead"]),
            "reported URLs are absolute and without fragment")
    ignored = [d for d in rep["dead"] for s in d["sources"]
               if s["href"].split(":")[0] in ("mailto", "tel", "javascript", "data") or "in-comment" in d["url"]]
    c.check(not ignored, "mailto/tel/javascript/data links and links in comments are not reported", str(ignored[:2]))
    requested = open(log).read()
    c.check("/private/" not in requested, "robots-only pages (/private/) are not fetched")
    c.check("/orphan/" not in requested, "with --no-sitemap, sitemap-only pages are not fetched")

    # 2. Default crawl: the sitemap adds the orphan pages' dead links, the
    #    other origin (nothing listens there) is checked and refused, and
    #    --check-anchors finds exactly the missing anchors.
    open(log, "w").close()
    status, rep, err = crawl_json("--check-anchors")
    smap = {d["url"] for d in truth["sitemap_only_dead_links"]}
    ext = set(truth["external_links"])
    want = set(truth["dead_urls"]) | smap | ext
    got = {d["url"] for d in rep["dead"]}
    c.check(got == want, "default crawl: dead == dead_urls + sitemap-only + external (%d)" % len(want),
            "extra %s missing %s" % (sorted(got - want), sorted(want - got)))
    smap_pairs = {(d["source"], d["href"], d["url"]) for d in truth["sitemap_only_dead_links"]}
    c.check(smap and smap_pairs <= pairs(rep), "sitemap-only pages are crawled and their dead links reported")
    refused = [d for d in rep["dead"] if d["url"] in ext]
    c.check(refused and all(d["status"] is None and d["error"] for d in refused),
            "links to the other origin are dead with a transport error", str(refused[:1]))
    robots_only = {d["url"] for d in truth["robots_only_dead_links"]}
    c.check(not (robots_only & got), "robots-only dead links are not reported")
    requested = open(log).read()
    c.check("/orphan/o0.html" in requested, "sitemap-only pages are fetched")
    c.check("/private/x1.html" not in requested, "pages robots.txt disallows are never requested")
    want_anchors = {(a["source"], a["href"], a["url"], a["fragment"]) for a in truth["missing_anchors"]}
    # The truth names each page once, by its path; the crawler also reads a
    # page again under the "?from=..." URLs other pages link it with.
    got_anchors = {(s["page"].split("?")[0], s["href"], a["url"], a["fragment"])
                   for a in rep.get("missing_anchors", []) for s in a["sources"]}
    c.check(got_anchors == want_anchors, "missing anchors == truth (%d)" % len(want_anchors),
            "extra %s missing %s" % (sorted(got_anchors - want_anchors)[:3], sorted(want_anchors - got_anchors)[:3]))

    # 2b. --ignore-query: a page linked with "?from=..." is the same page.
    _, rep_all, _ = crawl_json("--no-external", "--no-sitemap", "--check-anchors")
    status, rep_q, err = crawl_json("--no-external", "--no-sitemap", "--check-anchors", "--ignore-query")
    pages_q = {s["page"] for d in rep_q["dead"] for s in d["sources"]}
    got_anchors_q = {(s["page"], s["href"], a["url"], a["fragment"])
                     for a in rep_q.get("missing_anchors", []) for s in a["sources"]}
    c.check(sorted(d["url"] for d in rep_q["dead"]) == truth["dead_urls"] and not any("?" in p for p in pages_q)
            and rep_q["summary"]["pages"] < rep_all["summary"]["pages"] and got_anchors_q == want_anchors,
            "--ignore-query: the same dead links and anchors, each page read once",
            "pages %s vs %s; extra anchors %s" % (rep_q["summary"]["pages"], rep_all["summary"]["pages"],
                                                  sorted(got_anchors_q - want_anchors)[:3]))

    # 3. --ignore-robots finds the robots-only dead links too.
    status, rep, err = crawl_json("--ignore-robots", "--no-external", "--no-sitemap")
    got = {d["url"] for d in rep["dead"]}
    c.check(got == set(truth["dead_urls"]) | robots_only, "--ignore-robots adds exactly the robots-only dead URLs")

    # 4. The same report whatever the concurrency (the time and request
    #    counts aside).
    def stable(r):
        r = dict(r)
        r["summary"] = {k: v for k, v in r["summary"].items() if k not in ("seconds", "requests")}
        return r
    _, one, _ = crawl_json("-j", "1", "--no-external")
    _, many, _ = crawl_json("-j", "32", "--per-host", "32", "--no-external")
    c.check(stable(one) == stable(many), "the report with -j 1 equals the one with -j 32")

    # 5. CSV, JUnit and text agree with the JSON.
    _, base, _ = crawl_json("--no-external", "--no-sitemap")
    n_sources = sum(len(d["sources"]) for d in base["dead"])
    status, out, _ = run(sluice, [start, "--no-external", "--no-sitemap", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(out)))
    c.check(status == 1 and rows[0] == ["url", "status", "error", "page", "href", "line"] and len(rows) == n_sources + 1,
            "CSV: header and one row per (dead URL, source)", "rows %d want %d" % (len(rows), n_sources + 1))
    status, out, _ = run(sluice, [start, "--no-external", "--no-sitemap", "--format", "junit"])
    try:
        root = ET.fromstring(out)
        suite = root.find("testsuite")
        fails = int(suite.get("failures"))
        c.check(fails == len(base["dead"]) and int(suite.get("tests")) == base["summary"]["urls"],
                "JUnit: one test case per checked URL, one failure per dead URL")
    except ET.ParseError as e:
        c.check(False, "JUnit output is XML", str(e))
    status, out, _ = run(sluice, [start, "--no-external", "--no-sitemap", "--format", "html"])

    class Rows(html.parser.HTMLParser):
        """Collects the report's rows per section and checks that tags nest."""
        VOID = {"meta", "br", "hr", "img", "link", "input"}

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.errors, self.section, self.rows = [], [], None, {}
            self.heading, self.row, self.cell = None, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag not in self.VOID:
                self.stack.append(tag)
            if tag == "section":
                self.section = a.get("id")
            elif tag == "h3":
                self.heading = ""
            elif tag == "tr" and a.get("class") == "link":
                self.row = {}
            elif tag == "td" and self.row is not None:
                self.cell = a.get("class")
                self.row[self.cell] = ""

        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag:
                self.errors.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
                return
            self.stack.pop()
            if tag == "h3":
                self.current = self.heading.strip()
                self.heading = None
            elif tag == "td":
                self.cell = None
            elif tag == "tr" and self.row is not None:
                self.rows.setdefault(self.section, []).append((self.current, self.row))
                self.row = None

        def handle_data(self, data):
            if self.heading is not None:
                self.heading += data
            if self.cell is not None:
                self.row[self.cell] += data

    parser = Rows()
    parser.feed(out)
    parser.close()
    want = {(d["url"], s["page"], str(s["line"]), s["href"]) for d in base["dead"] for s in d["sources"]}
    got_url = {(h, r["page"], r["line"], r["href"]) for h, r in parser.rows.get("by-url", [])}
    got_page = {(r["url"], h, r["line"], r["href"]) for h, r in parser.rows.get("by-page", [])}
    c.check(status == 1 and out.startswith("<!DOCTYPE html>") and not parser.errors and not parser.stack,
            "HTML report: a well-nested document", str(parser.errors[:3]) + str(parser.stack))
    c.check(got_url == want, "HTML report: by dead URL, every (page, line, href) of the JSON",
            "extra %s missing %s" % (sorted(got_url - want)[:2], sorted(want - got_url)[:2]))
    c.check(got_page == want, "HTML report: by page, the same links",
            "extra %s missing %s" % (sorted(got_page - want)[:2], sorted(want - got_page)[:2]))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        # A browser reads the same rows (its DOM, after its own parse).
        page = os.path.join(tmp, "report.html")
        with open(page, "w") as f:
            f.write(out)
        try:
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                  "file://" + page], capture_output=True, timeout=90).stdout.decode("utf-8", "replace")
            c.check(dom.count('<tr class="link">') == 2 * len(want) and "<script" not in dom,
                    "HTML report: headless Chromium sees every row", "%d rows in the DOM, want %d"
                    % (dom.count('<tr class="link">'), 2 * len(want)))
        except subprocess.TimeoutExpired:
            print("skipped: headless Chromium check (timed out)")
    else:
        print("skipped: headless Chromium check (no chromium)")
    status, out, err = run(sluice, [start, "--no-external", "--no-sitemap", "--by-page", "-v"])
    c.check(status == 1 and "line " in out and "Dead links: %d URLs" % len(base["dead"]) in out,
            "text --by-page report")
    handled = [l for l in err.splitlines() if l.startswith("handling: ")]
    c.check(len(handled) >= base["summary"]["urls"] and ("handling: " + start) in handled,
            "--verbose prints a 'handling: URL' line per URL")
    c.check("\r" not in err, "no progress line when stderr is not a terminal")

    # 6. Options that cut the crawl.
    _, rep, _ = crawl_json("--no-external", "--no-sitemap", "--max-depth", "0")
    c.check(rep["dead"] and all(s["page"] == start for d in rep["dead"] for s in d["sources"])
            and rep["summary"]["pages"] == 1, "--max-depth 0 checks only the start page's links")
    _, rep, _ = crawl_json("--no-external", "--no-sitemap", "--exclude", "/assets/", "--exclude", "^.*/gone/")
    c.check(rep["dead"] and not any("/assets/" in d["url"] or "/gone/" in d["url"] for d in rep["dead"]),
            "--exclude skips matching URLs")
    _, rep, _ = crawl_json("--no-external", "--no-sitemap", "--max-pages", "5")
    c.check(rep["summary"]["pages"] == 5, "--max-pages 5 follows 5 pages", str(rep["summary"]))
    _, one, _ = crawl_json("--no-external", "--max-pages", "40", "-j", "1")
    _, many, _ = crawl_json("--no-external", "--max-pages", "40", "-j", "32", "--per-host", "32")
    c.check(stable(one) == stable(many) and one["summary"]["pages"] == 40,
            "--max-pages 40 picks the same pages with -j 1 and -j 32")
    status, out, _ = run(sluice, [start, "--no-external", "--no-sitemap", "--max-pages", "2", "--rate", "40"])
    c.check("binding limit: the per-host rate" in out, "--rate is applied and named as the binding limit",
            out[-400:])
    _, rep, _ = crawl_json("--no-external", "--no-sitemap", "--include", "^http://127\\.0\\.0\\.1:%d/(s00/|$)" % port)
    c.check(rep["summary"]["pages"] > 5 and
            all(s["page"] == start or "/s00/" in s["page"] for d in rep["dead"] for s in d["sources"]),
            "--include restricts the pages followed")
    status, out, err = run(sluice, [start + "s00/p00000.html", "--no-external", "--no-sitemap", "--format", "json"])
    rep = json.loads(out) if out.startswith("{") else {"dead": []}
    c.check(status in (0, 1) and all("/s00/" in s["page"] for d in rep["dead"] for s in d["sources"]),
            "the default scope is the start URL's directory")
finally:
    if server:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    shutil.rmtree(tmp, ignore_errors=True)
c.finish()
