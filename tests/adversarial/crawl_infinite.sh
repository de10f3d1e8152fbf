#!/usr/bin/env bash
# crawl_infinite.sh SLUICE_BINARY
# A site without end: /deep/N links to /deep/N+1 forever. `sluice crawl`
# once had no default bound and crawled it until killed. With no option it
# must stop by itself (default --max-depth) and say in the report what it
# cut off, and --max-pages must bound it too.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat > "$dir/server.py" <<'PY'
import sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def do_GET(self):
        if self.path.startswith("/deep/") and self.path[6:].isdigit():
            body = b"<html><body><a href='/deep/%d'>next</a></body></html>" % (int(self.path[6:]) + 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        else:
            body = b"not found"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class S(ThreadingHTTPServer):
    daemon_threads = True
srv = S(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(srv.server_address[1]))
threading.Timer(55, srv.shutdown).start()
srv.serve_forever()
PY
python3 "$dir/server.py" "$dir/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$dir/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$dir/port")"

timeout 40 "$sluice" crawl "$base/deep/0" --no-sitemap > "$dir/report" 2> "$dir/err"
status=$?
if [ "$status" = 124 ]; then
  fail "no default bound: the crawl of an endless site was still running after 40 s"
else
  [ "$status" = 0 ] || fail "endless site: exit $status, expected 0 ($(cat "$dir/err"))"
  grep -q "note: --max-depth 100 (the default) reached" "$dir/report" ||
    fail "the report does not say the default --max-depth cut the crawl: $(tail -3 "$dir/report")"
fi

timeout 40 "$sluice" crawl "$base/deep/0" --no-sitemap --max-depth 100000 --max-pages 50 > "$dir/report" 2> "$dir/err"
status=$?
[ "$status" = 0 ] || fail "--max-pages 50: exit $status, expected 0 ($(cat "$dir/err"))"
grep -q "^50 pages," "$dir/report" || fail "--max-pages 50 did not follow exactly 50 pages: $(tail -1 "$dir/report")"
grep -q "note: --max-pages 50 reached" "$dir/report" || fail "the report does not say --max-pages cut the crawl"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "endless-site checks passed"
