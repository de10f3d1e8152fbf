#!/usr/bin/env python3
"""local_test.py SLUICE

`sluice crawl FOLDER` checks a folder of HTML files without a server of the
user's: relative and root-relative links resolve to files, a missing file
is dead ("no such file", named by its path), pages no page links are
checked too (hidden folders are not), a folder without index.html is
crawled from a listing, external links are checked (or skipped with
--no-external), anchors work, and a path that does not exist is exit 2."""
import json
import os
import shutil
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crawl_test_util import Checker, run  # noqa: E402

sluice = sys.argv[1]
c = Checker("crawl.local")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        code = 200 if self.path == "/alive" else 404
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
threading.Thread(target=srv.serve_forever, daemon=True).start()
ext = "http://127.0.0.1:%d" % srv.server_address[1]

tmp = tempfile.mkdtemp(prefix="crawl-local-")
try:
    site = os.path.join(tmp, "site")
    files = {
        "index.html": "<!DOCTYPE html><html><body>\n<a href=\"sub/page.html#s1\">sub</a>\n"
                      "<a href=\"missing.html\">missing</a>\n<a href=\"/sub/\">folder</a>\n"
                      "<a href=\"img/logo.png\">image</a>\n<a href=\"a%20b.html\">space</a>\n"
                      "<a href=\"" + ext + "/alive\">external alive</a>\n"
                      "<a href=\"" + ext + "/dead\">external dead</a>\n</body></html>\n",
        "sub/page.html": "<html><body><h2 id=\"s1\">s</h2>\n<a href=\"../index.html\">up</a>\n"
                         "<a href=\"/nope/x.html\">nope</a>\n<a href=\"#s2\">no such anchor</a>\n</body></html>\n",
        "a b.html": "<html><body><a href=\"gone.html\">gone</a></body></html>\n",
        "orphan.html": "<html><body><a href=\"orphan-gone.html\">x</a></body></html>\n",
        ".hidden/h.html": "<html><a href=\"hidden-gone.html\">x</a></html>\n",
        "img/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        "robots.txt": "User-agent: *\nDisallow: /sub/\n",  # for the published site, not for this check
    }
    for name, text in files.items():
        path = os.path.join(site, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    os.mkfifo(os.path.join(site, "pipe.html"))  # linked below: must not hang the crawl
    with open(os.path.join(site, "index.html"), "a") as f:
        f.write("<a href=\"pipe.html\">a FIFO</a>\n")
    status, out, err = run(sluice, [site + "/", "--format", "json", "--check-anchors"])
    try:
        rep = json.loads(out)
    except ValueError:
        rep = {"dead": [], "summary": {}}
        c.check(False, "the folder's report is JSON", out[:300] + err[-300:])
    dead = {d["url"]: d for d in rep["dead"]}
    want = {site + "/" + p for p in ("missing.html", "img/logo.png", "gone.html", "nope/x.html", "orphan-gone.html",
                                     "pipe.html")}
    want.add(ext + "/dead")
    c.check(status == 1 and set(dead) == want, "the dead links of a folder, by path",
            "exit %d, extra %s, missing %s, %s" % (status, sorted(set(dead) - want), sorted(want - set(dead)), err))
    c.check(all(dead.get(u, {}).get("error") == "no such file" and dead.get(u, {}).get("status", 0) is None
                for u in want if u.startswith(site) and not u.endswith("pipe.html")),
            "a missing file is 'no such file'", str(dead.get(site + "/missing.html")))
    c.check(dead.get(ext + "/dead", {}).get("status") == 404, "an external dead link keeps its HTTP status")
    c.check(dead.get(site + "/pipe.html", {}).get("status") == 403, "a FIFO is not served (403), nor waited for",
            str(dead.get(site + "/pipe.html")))
    c.check([s["page"] for s in dead.get(site + "/missing.html", {}).get("sources", [])] == [site + "/index.html"],
            "a page is named by its file (the folder's index.html once)",
            str(dead.get(site + "/missing.html", {}).get("sources")))
    c.check(site + "/orphan-gone.html" in dead, "a page no page links is checked too")
    c.check(site + "/nope/x.html" in dead, "the folder's robots.txt does not hide its files from the check")
    c.check(not any("hidden-gone" in u for u in dead), "hidden folders are left out")
    anchors = {(a["url"], a["fragment"]) for a in rep.get("missing_anchors", [])}
    c.check(anchors == {(site + "/sub/page.html", "s2")}, "--check-anchors on local files", str(anchors))

    status, out, err = run(sluice, [site, "--format", "json", "--no-external"])
    dead = {d["url"] for d in json.loads(out)["dead"]} if out.startswith("{") else set()
    c.check(status == 1 and ext + "/dead" not in dead and site + "/missing.html" in dead,
            "--no-external skips external links of a folder", str(sorted(dead)))

    os.remove(os.path.join(site, "index.html"))
    status, out, err = run(sluice, [site + "/", "--format", "json", "--no-sitemap"])
    dead = {d["url"] for d in json.loads(out)["dead"]} if out.startswith("{") else set()
    c.check(status == 1 and site + "/gone.html" in dead and site + "/orphan-gone.html" in dead,
            "a folder without index.html is crawled from its listing", "exit %d %s %s" % (status, dead, err))

    status, out, err = run(sluice, [os.path.join(site, "sub", "page.html")])
    c.check(status == 1 and site + "/sub/nope/x.html" in out and "no such file" in out,
            "an HTML file is checked with its folder as the root", out[:400])

    status, out, err = run(sluice, [os.path.join(tmp, "nosuch") + "/"])
    c.check(status == 2 and "nosuch/: No such file or directory" in err and out == "",
            "a folder that does not exist: exit 2, why", "exit %d %r" % (status, err))
finally:
    srv.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)
c.finish()
