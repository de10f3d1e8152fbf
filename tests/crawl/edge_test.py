#!/usr/bin/env python3
"""edge_test.py SLUICE

`sluice crawl` against hostile answers from an in-process server on
127.0.0.1 (two ports: the site and "another origin"; both stop by
themselves): an endless HTML body (bounded by --max-body), an endless
binary, invalid UTF-8, 50,000 nested elements, 429 with Retry-After (once,
and forever), a request that hangs past --timeout, a chain of more than 10
redirects, a server that refuses HEAD, malformed links; answers that fail
after their status line (headers trickled or endless, broken chunked
encoding, a body shorter than its Content-Length), which are dead links;
then bad command lines and unusable start URLs, which must exit 2 with a
clear message."""
import base64
import gzip
import json
import os
import pty
import signal
import shutil
import ssl
import subprocess
import tempfile
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crawl_test_util import Checker, free_port, run  # noqa: E402

sluice = sys.argv[1]
c = Checker("crawl.edge_cases")
SERVER_SECONDS = 120
port_a = free_port(avoid_next=False)
port_b = free_port(avoid_next=False)
A = "http://127.0.0.1:%d" % port_a
B = "http://127.0.0.1:%d" % port_b
hits = {}
seen_headers = []
hits_lock = threading.Lock()

INDEX = ("<!DOCTYPE html><html><head><title>edge</title></head><body>\n"
         "<a href=\"/huge\">huge</a>\n<a href=\"/binary.bin\">binary</a>\n"
         "<a href=\"/bad-utf8.html\">bad utf-8</a>\n<a href=\"/deep.html\">deep</a>\n"
         "<a href=\"/limited\">429 once</a>\n<a href=\"/always429\">429 always</a>\n"
         "<a href=\"/hang\">hangs</a>\n<a href=\"/redirect/0\">long chain</a>\n"
         "<a href=\"" + B + "/head405\">no HEAD</a>\n<a href=\"" + B + "/head-dead\">dead elsewhere</a>\n"
         "<a href=\"http://exa mple.org/\">malformed</a>\n<a href=\"ftp://example.org/f\">ftp</a>\n"
         "<a href=\"/gz.html\">compressed</a>\n"
         "</body></html>\n").encode()

# Answers that go wrong after a good status line: each is a dead link.
HOSTILE = ("<!DOCTYPE html><html><body>\n"
           "<a href=\"/trickle\">headers one byte a second</a>\n"
           "<a href=\"/endless-headers\">endless headers</a>\n"
           "<a href=\"/bad-chunked\">broken chunked encoding</a>\n"
           "<a href=\"/short-body\">body shorter than Content-Length</a>\n"
           "<a href=\"" + B + "/trickle\">trickle elsewhere (HEAD)</a>\n"
           "<a href=\"" + B + "/endless-headers\">endless headers elsewhere (HEAD)</a>\n"
           "<a href=\"/fine.html\">fine</a>\n"
           "</body></html>\n").encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body=b"", ctype="text/html; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def stream(self, ctype, chunk, head=b""):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.end_headers()
        try:
            self.wfile.write(head)
            deadline = time.time() + 30  # "endless" as far as any sane client is concerned
            while time.time() < deadline:
                self.wfile.write(chunk)
        except OSError:
            pass  # the client hung up, as it should
        self.close_connection = True

    def hostile(self, path):
        """Raw answers that fail after "HTTP/1.1 200 OK"; True when PATH is one."""
        w = self.wfile
        deadline = time.time() + 30
        try:
            if path == "/trickle":
                w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
                w.flush()
                while time.time() < deadline:
                    w.write(b"X")
                    w.flush()
                    time.sleep(1)
            elif path == "/endless-headers":
                w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
                k = 0
                while time.time() < deadline:
                    w.write(b"X-Endless-%d: %s\r\n" % (k, b"y" * 200))
                    k += 1
            elif path == "/bad-chunked":
                w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"10\r\n<html><a href=x>\r\nzz-not-hex\r\n<a href=\"/gone-chunk.html\">\r\n")
                w.flush()
                time.sleep(0.5)
            elif path == "/short-body":
                w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"
                        b"<html><a href=\"/gone-short.html\">")
                w.flush()
            else:
                return False
        except OSError:
            pass  # the client gave up, as it should
        self.close_connection = True
        return True

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path
        port = self.server.server_address[1]
        with hits_lock:
            hits[(port, self.command, path)] = hits.get((port, self.command, path), 0) + 1
            n = hits[(port, self.command, path)]
        if self.hostile(path):
            return
        if path.startswith("/private") or path == "/leak-check":
            with hits_lock:
                seen_headers.append((port, path, self.headers.get("Authorization"), self.headers.get("X-Token"),
                                     self.headers.get("Cookie")))
        if path.startswith("/private"):
            auth = "Basic " + base64.b64encode(b"ann:s3cret:x").decode()
            if self.headers.get("Authorization") != auth:
                return self.send(401, b"who are you", headers=[("WWW-Authenticate", "Basic realm=\"t\"")])
            if self.headers.get("X-Token") != "t0k en" or "session=abc" not in self.headers.get("Cookie", ""):
                return self.send(403, b"no token or no cookie")
            if path == "/private/index.html":
                return self.send(200, ("<html><a href=\"/private/ok.html\">ok</a><a href=\"/private/gone\">gone</a>"
                                       "<a href=\"" + B + "/leak-check\">elsewhere</a></html>").encode())
            if path == "/private/ok.html":
                return self.send(200, b"<html>ok</html>")
        if port == port_b:
            if path == "/leak-check":
                return self.send(200, b"ok")
            if path == "/head405":
                return self.send(405 if self.command == "HEAD" else 200, b"ok")
            return self.send(404, b"not found")
        if path == "/":
            return self.send(200, INDEX)
        if path.startswith("/deep/"):  # a site without end
            k = int(path.rsplit("/", 1)[1])
            return self.send(200, b"<html><a href=\"/deep/%d\">next</a></html>" % (k + 1))
        if path == "/slow-site.html":
            return self.send(200, b"<html><a href=\"/gone-early\">1</a><a href=\"/very-slow\">2</a></html>")
        if path == "/very-slow":
            time.sleep(20)
            return self.send(200, b"<html>late</html>")
        if path == "/hostile.html":
            return self.send(200, HOSTILE)
        if path == "/fine.html":
            return self.send(200, b"<html>fine</html>")
        if path == "/huge":
            return self.stream("text/html", b"<p>" + b"x" * 4090 + b"</p>\n",
                               b"<html><body><a href=\"/after-huge\">first</a>\n")
        if path == "/binary.bin":
            return self.stream("application/octet-stream", b"\0" * 65536)
        if path == "/bad-utf8.html":
            return self.send(200, b"<html><body>\xff\xfe <a href=\"/gone-\xff.html\">x\xc3(</a>\xed\xa0\x80</body>")
        if path == "/deep.html":
            return self.send(200, b"<div>" * 50000 + b"<a href=\"/gone-deep.html\">deep</a>")
        if path == "/limited":
            if n == 1 and self.command == "GET":
                return self.send(429, b"slow down", headers=[("Retry-After", "1")])
            return self.send(200, b"<html>fine now</html>")
        if path == "/always429":
            return self.send(429, b"slow down", headers=[("Retry-After", "1")])
        if path == "/hang":
            time.sleep(3)
            return self.send(200, b"<html>late</html>")
        if path.startswith("/redirect/"):
            k = int(path.rsplit("/", 1)[1])
            return self.send(302, b"", "text/plain", [("Location", "%s/redirect/%d" % (A, k + 1))])
        if path == "/nonhtml.pdf":
            return self.send(200, b"%PDF-1.4\n%%EOF\n", "application/pdf")
        if path == "/gz.html":
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return self.send(406, b"gzip only")
            return self.send(200, gzip.compress(b"<html><a href=\"/gone-gz.html\">x</a></html>"),
                             headers=[("Content-Encoding", "gzip")])
        if path == "/after-huge":
            return self.send(200, b"<html>ok</html>")
        return self.send(404, b"<h1>not found</h1>")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hang up on endless bodies and slow answers: expected


# HTTPS on a third port, same routes, with a self-signed certificate made by
# the openssl command line tool (skipped, and said so, when it is missing).
tmp = tempfile.mkdtemp(prefix="crawl-edge-")
port_c = None
if shutil.which("openssl"):
    cert, key = os.path.join(tmp, "c.pem"), os.path.join(tmp, "k.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    port_c = free_port(avoid_next=False)

servers = []
for port in [p for p in (port_a, port_b, port_c) if p]:
    srv = Server(("127.0.0.1", port), Handler)
    if port == port_c:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    stopper = threading.Timer(SERVER_SECONDS, srv.shutdown)  # stops by itself
    stopper.daemon = True
    stopper.start()
    servers.append(srv)
watchdog = threading.Timer(SERVER_SECONDS + 5, lambda: os._exit(3))
watchdog.daemon = True
watchdog.start()

if os.environ.get("EDGE_SERVE_ONLY"):  # debugging: serve, print the ports, wait
    print(A, B, flush=True)
    time.sleep(SERVER_SECONDS)
    sys.exit(0)

try:
    # 1. Hostile answers: reported or survived, never a crash or hang.
    status, out, err = run(sluice, [A + "/", "--timeout", "1", "--retries", "1", "--max-body", "1M",
                                    "--format", "json"], timeout=90)
    c.check(status == 1, "exit status 1", "got %d, stderr: %s" % (status, err[-800:]))
    raw = out.encode("utf-8", "surrogateescape")
    try:
        rep = json.loads(raw.decode("utf-8"))
    except ValueError as e:
        rep = {"dead": []}
        c.check(False, "JSON parses as strict UTF-8", str(e) + out[:300])
    dead = {d["url"]: d for d in rep["dead"]}
    c.check(A + "/gone-deep.html" in dead, "a link after 50,000 nested elements is found")
    bad = [u for u in dead if u.startswith(A + "/gone-%EF%BF%BD")]
    c.check(len(bad) == 1, "a link with invalid UTF-8 is reported with U+FFFD percent-encoded", str(sorted(dead)))
    c.check(A + "/limited" not in dead and hits.get((port_a, "GET", "/limited"), 0) == 2,
            "429 with Retry-After is retried and then succeeds", str(hits.get((port_a, "GET", "/limited"))))
    d429 = dead.get(A + "/always429", {})
    c.check(d429.get("status") == 429 and hits.get((port_a, "GET", "/always429"), 0) == 2,
            "a lasting 429 is reported after --retries 1 retry", str(d429))
    dhang = dead.get(A + "/hang", {})
    c.check(dhang.get("status") is None and "imeout" in dhang.get("error", "") + dhang.get("error", "").lower()
            or "timed out" in dhang.get("error", ""), "a request past --timeout is dead with a timeout", str(dhang))
    dred = dead.get(A + "/redirect/0", {})
    c.check("more than 10 redirects" in dred.get("error", ""), "a chain of more than 10 redirects is dead",
            str(dred)[:300])
    c.check(not any(u.startswith(A + "/redirect/") and u != A + "/redirect/0" for u in dead),
            "the chain is reported once, under the URL written in the page")
    c.check(B + "/head405" not in dead and hits.get((port_b, "GET", "/head405")) == 1,
            "a server refusing HEAD is asked again with GET")
    c.check(dead.get(B + "/head-dead", {}).get("status") == 404, "a dead link to another origin is reported")
    dmal = dead.get("http://exa mple.org/", {})
    c.check(dmal.get("status") is None and "malformed URL" in dmal.get("error", ""),
            "a malformed link is dead with the reason", str(dmal))
    c.check(A + "/huge" not in dead and A + "/binary.bin" not in dead and A + "/after-huge" not in dead,
            "endless bodies are cut, not reported dead")
    c.check(not any(u.startswith("ftp:") for u in dead), "ftp: links are not checked (noted instead)")
    c.check(A + "/gone-gz.html" in dead and A + "/gz.html" not in dead,
            "a gzip-compressed page is fetched compressed and its links read")
    status, out, err = run(sluice, [A + "/", "--timeout", "1", "--retries", "0", "--max-body", "64K"], timeout=90)
    c.check("warning: page truncated at 65536 bytes (--max-body): " + A + "/huge" in out
            and "warning: page truncated at 65536 bytes (--max-body): " + A + "/deep.html" in out,
            "the truncated page is named in the report", out[-600:])
    c.check("note: 1 links with other schemes" in out, "the ftp: link is noted")

    # 1a. Failures after the status line are dead links, with the real error
    #     (not "alive, truncated"); the partial bodies are not parsed.
    status, out, err = run(sluice, [A + "/hostile.html", "--timeout", "2", "--retries", "0", "--format", "json"],
                           timeout=90)
    c.check(status == 1, "hostile answers: exit status 1", "got %d, stderr: %s" % (status, err[-800:]))
    try:
        rep = json.loads(out)
    except ValueError:
        rep = {"dead": []}
        c.check(False, "hostile answers: JSON parses", out[:300] + err[-300:])
    dead = {d["url"]: d for d in rep["dead"]}
    for url, want in [(A + "/trickle", "timed out"), (A + "/endless-headers", "headers"),
                      (A + "/bad-chunked", "chunk"), (A + "/short-body", "bytes remaining"),
                      (B + "/trickle", "timed out"), (B + "/endless-headers", "headers")]:
        d = dead.get(url, {})
        c.check(want in d.get("error", "") and "200" in d.get("error", "") and d.get("status") is None,
                "%s is dead: '%s' after the status line" % (url[len(A):] if url.startswith(A) else url, want),
                str(d)[:300])
    c.check(A + "/fine.html" not in dead and A + "/gone-chunk.html" not in dead and A + "/gone-short.html" not in dead,
            "hostile answers: a fine link is alive, partial bodies are not parsed", str(sorted(dead)))
    status, out, err = run(sluice, [A + "/hostile.html", "--timeout", "2", "--retries", "0"], timeout=90)
    c.check("truncated" not in out and "dead (" in out, "hostile answers: no 'truncated' warning", out[-600:])
    for path, want in [("/short-body", "failed after the status line (200 OK): transfer closed with 967 bytes remaining"),
                       ("/bad-chunked", "chunk"), ("/trickle", "timed out")]:
        status, out, err = run(sluice, [A + path, "--timeout", "2", "--retries", "0"], timeout=60)
        c.check(status == 2 and "cannot fetch the start URL " + A + path in err and want in err
                and "truncated" not in err and out == "",
                "start URL %s failing after its status line: exit 2, '%s'" % (path, want),
                "got %d, stdout %r, stderr %r" % (status, out[:200], err[-300:]))

    # 1b. A site without end is bounded by default (--max-depth 100), and
    #     the report says what was cut.
    status, out, err = run(sluice, [A + "/deep/0", "--format", "json"], timeout=60)
    rep = json.loads(out) if out.startswith("{") else {"summary": {}, "notes": []}
    c.check(status == 0 and rep["summary"].get("pages") == 101
            and rep["summary"].get("not_followed") == {"max_depth": 1, "max_pages": 0}
            and any("--max-depth 100 (the default) reached: 1 pages deeper" in n for n in rep.get("notes", [])),
            "an endless site stops at the default --max-depth, and says so",
            "exit %d, %s %s" % (status, rep["summary"], rep.get("notes")))
    status, out, err = run(sluice, [A + "/deep/0", "--max-depth", "1000", "--max-pages", "30"], timeout=60)
    c.check(status == 0 and "note: --max-pages 30 reached: the links of 1 more pages were not followed" in out
            and "30 pages," in out, "--max-pages bounds an endless site and says so", out[-500:])

    # 1c. On a terminal, progress and a one-line summary go to stderr even
    #     when the report goes elsewhere; Ctrl-C writes the partial report
    #     and exits 130.
    def crawl_on_pty(args, interrupt_after=None):
        master, slave = pty.openpty()
        p = subprocess.Popen([sluice, "crawl"] + args, stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        if interrupt_after is not None:
            time.sleep(interrupt_after)
            p.send_signal(signal.SIGINT)
        t0 = time.time()
        out, _ = p.communicate(timeout=60)
        waited = time.time() - t0
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
        os.close(master)
        return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), waited

    report_path = os.path.join(tmp, "pty-report.json")
    status, out, err, _ = crawl_on_pty([A + "/fine.html", "--format", "json", "-o", report_path])
    c.check(status == 0 and out == "" and "sluice crawl: 1 pages, 0 links, 1 URLs checked, 0 dead" in err
            and "report in " + report_path in err, "stderr on a terminal: a one-line summary naming the report",
            "exit %d, stderr %r" % (status, err[-300:]))
    status, out, err, waited = crawl_on_pty([A + "/slow-site.html", "--format", "json", "--timeout", "30"],
                                            interrupt_after=2)
    rep = json.loads(out) if out.startswith("{") else {"dead": [], "summary": {}, "notes": []}
    c.check(status == 130 and waited < 5, "Ctrl-C: exit 130 at once", "exit %d after %.1f s" % (status, waited))
    c.check([d["url"] for d in rep["dead"]] == [A + "/gone-early"] and rep["summary"].get("interrupted") is True
            and any(n.startswith("interrupted: a partial report; 1 URLs") for n in rep["notes"]),
            "Ctrl-C: the partial report holds what was checked and says it is partial", out[:600])
    c.check("\rcrawl: " in err.replace("\x1b[2K", "") and "sluice crawl: interrupted, partial: 1 pages" in err,
            "Ctrl-C on a terminal: progress, then the summary of the partial crawl on stderr", repr(err[-300:]))

    # 1d. --header, --user and --cookies reach the site (and only it: not
    #     the sites it links, except cookies, which follow their domain).
    cookies = os.path.join(tmp, "cookies.txt")
    with open(cookies, "w") as f:
        f.write("# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/private\tFALSE\t0\tsession\tabc\n")
    status, out, err = run(sluice, [A + "/private/index.html", "--format", "json", "--user", "ann:s3cret:x",
                                    "-H", "X-Token: t0k en", "--cookies", cookies], timeout=60)
    dead = {d["url"]: d for d in json.loads(out)["dead"]} if out.startswith("{") else {}
    c.check(status == 1 and set(dead) == {A + "/private/gone"} and dead[A + "/private/gone"]["status"] == 404,
            "--user, --header and --cookies open a private site", "exit %d %s %s" % (status, dead, err[-300:]))
    leaked = [h for h in seen_headers if h[0] == port_b and (h[2] or h[3])]
    c.check(not leaked and any(h[0] == port_b for h in seen_headers),
            "--user and --header are not sent to the sites linked", str(leaked))
    status, out, err = run(sluice, [A + "/private/index.html"], timeout=60)
    c.check(status == 2 and "answered 401 Unauthorized" in err, "without credentials: 401, exit 2", err)
    with open(os.path.join(tmp, "bad-cookies.txt"), "w") as f:
        f.write("session=abc; Path=/\n")
    for args, want in [(["--header", "X-Token"], "--header 'X-Token': expected NAME:VALUE"),
                       (["--header", "Bad Name: v"], "--header 'Bad Name: v': the header name"),
                       (["--user", "ann"], "--user 'ann': expected USER:PASSWORD"),
                       (["--cookies", os.path.join(tmp, "bad-cookies.txt")],
                        "bad-cookies.txt: line 1: not a Netscape cookies.txt line"),
                       (["--cookies", os.path.join(tmp, "none.txt")], "none.txt: No such file or directory")]:
        status, out, err = run(sluice, [A + "/private/index.html"] + args, timeout=60)
        c.check(status == 2 and want in err, "%s -> exit 2, '%s'" % (" ".join(args), want), err)

    # 1e. HTTPS: an untrusted certificate is a clear error; --insecure crawls.
    if port_c:
        C = "https://127.0.0.1:%d" % port_c
        status, out, err = run(sluice, [C + "/"], timeout=60)
        c.check(status == 2 and "SSL certificate problem" in err, "HTTPS with a self-signed certificate: exit 2, why",
                err[-300:])
        # A generous --timeout: the test server shakes hands one connection
        # at a time, and a page timing out under a loaded CI machine would
        # hide the links on it (/hang answers after 3 s, within the limit).
        status, out, err = run(sluice, [C + "/", "--insecure", "--timeout", "10", "--retries", "0", "--max-body",
                                        "64K", "--format", "json", "--no-external"], timeout=90)
        dead = {d["url"] for d in json.loads(out)["dead"]} if out.startswith("{") else set()
        c.check(status == 1 and C + "/gone-gz.html" in dead and C + "/always429" in dead,
                "--insecure crawls the HTTPS site and reports its dead links",
                "exit %d, dead %s; %s" % (status, sorted(dead), err[-300:]))
    else:
        print("skipped: HTTPS checks (no openssl command to make a certificate)")

    # 2. Bad command lines and unusable start URLs: exit 2 and say why.
    closed = free_port(avoid_next=False)
    cases = [
        (["http://exa mple.org/"], "malformed URL 'http://exa mple.org/': invalid character 0x20 in host"),
        (["example.org"], "no scheme"),
        (["ftp://example.org/"], "scheme 'ftp' is not http or https"),
        (["http://127.0.0.1:%d/" % closed], "cannot fetch the start URL http://127.0.0.1:%d/" % closed),
        ([A + "/nonhtml.pdf"], "is not an HTML page (Content-Type: application/pdf)"),
        ([A + "/nope"], "answered 404 Not Found"),
        ([A + "/redirect/0"], "more than 10 redirects"),
        ([A + "/", "--format", "xml"], "--format"),
        ([A + "/", "--max-body", "12Q"], "--max-body '12Q'"),
        ([A + "/", "-j", "0"], "--concurrency"),
        ([A + "/", "--exclude", "(oops"], "--exclude '(oops'"),
        ([A + "/", "--include", "a{1"], "--include 'a{1'"),
        ([], "URL is required"),
        (["--exclude", "x", "--include", "y", "http://127.0.0.1:%d/" % closed], "cannot fetch the start URL"),
    ]
    # 3. The report's path is checked before any request: no crawl for a
    #    report that cannot be written.
    for target, want in [("/nonexistent/report", "No such file or directory"), (tmp, "Is a directory")]:
        before = sum(hits.values())
        status, out, err = run(sluice, [A + "/probe.html", "-o", target], timeout=60)
        c.check(status == 2 and "cannot write the report to " + target + ": " + want in err
                and sum(hits.values()) == before, "-o %s: exit 2 before crawling, '%s'" % (target, want),
                "got %d, stderr %r, %d requests" % (status, err[-300:], sum(hits.values()) - before))
    if os.path.exists("/dev/full"):
        p = subprocess.run([sluice, "crawl", A + "/fine.html"], stdout=open("/dev/full", "w"), capture_output=False,
                           stderr=subprocess.PIPE, timeout=60)
        c.check(p.returncode == 2 and b"cannot write the report to stdout: No space left on device" in p.stderr,
                "a report that cannot be written to stdout: exit 2, why", "got %d, %r" % (p.returncode, p.stderr))
    kept = os.path.join(tmp, "kept.txt")
    with open(kept, "w") as f:
        f.write("an older report\n")
    status, out, err = run(sluice, [A + "/nope", "-o", kept], timeout=60)
    c.check(status == 2 and open(kept).read() == "an older report\n",
            "a crawl that cannot start leaves an existing -o file as it was", "got %d" % status)
    fresh = os.path.join(tmp, "fresh.txt")
    status, out, err = run(sluice, [A + "/nope", "-o", fresh], timeout=60)
    c.check(status == 2 and not os.path.exists(fresh), "a crawl that cannot start creates no -o file")
    status, out, err = run(sluice, [A + "/fine.html", "-o", kept, "--format", "json"], timeout=60)
    c.check(status == 0 and open(kept).read().startswith("{") and out == "",
            "-o replaces the file with the report", "got %d, %r" % (status, open(kept).read()[:100]))

    for args, want in cases:
        status, out, err = run(sluice, args, timeout=60)
        c.check(status == 2 and want in err and out == "", "sluice crawl %s -> 2, '%s'" % (" ".join(args), want),
                "got %d, stdout %r, stderr %r" % (status, out[:200], err[:300]))
finally:
    for srv in servers:
        threading.Thread(target=srv.shutdown, daemon=True).start()
    shutil.rmtree(tmp, ignore_errors=True)
c.finish()
