#!/usr/bin/env bash
# crawl_hostile.sh SLUICE_BINARY
# Servers that fail after a good status line ("HTTP/1.1 200 OK"): headers
# trickled one byte a second, headers that never end, broken chunked
# encoding, a body shorter than its Content-Length. `sluice crawl` once read
# each as "alive, truncated"; each must be a dead link with the real error,
# and as the start URL an exit 2 that says what happened.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat > "$dir/server.py" <<'PY'
import socket, sys, threading, time
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(64)
open(sys.argv[1], "w").write(str(srv.getsockname()[1]))
INDEX = (b"<html><body><a href=/trickle>1</a><a href=/endless>2</a><a href=/chunked>3</a>"
         b"<a href=/short>4</a><a href=/fine>5</a></body></html>")
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
def serve(conn):
    try:
        req = conn.recv(65536).decode("latin-1")
        path = req.split(" ")[1] if " " in req else "/"
        end = time.time() + 20
        if path == "/trickle":
            conn.sendall(OK)
            while time.time() < end:
                conn.sendall(b"X"); time.sleep(1)
        elif path == "/endless":
            conn.sendall(OK)
            while time.time() < end:
                conn.sendall(b"X-More: " + b"y" * 1000 + b"\r\n")
        elif path == "/chunked":
            conn.sendall(OK + b"Transfer-Encoding: chunked\r\n\r\n5\r\n<html\r\nnot-hex\r\n")
            time.sleep(0.5)
        elif path == "/short":
            conn.sendall(OK + b"Content-Length: 1000\r\n\r\n<html><a href=/gone>x</a>")
        elif path in ("/", "/fine"):
            conn.sendall(OK + b"Content-Length: %d\r\n\r\n" % len(INDEX) + INDEX)
        else:
            conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    except OSError:
        pass
    conn.close()
deadline = time.time() + 55
srv.settimeout(1)
while time.time() < deadline:
    try:
        conn, _ = srv.accept()
    except socket.timeout:
        continue
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
python3 "$dir/server.py" "$dir/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$dir/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$dir/port")"

"$sluice" crawl "$base/" --timeout 2 --retries 0 --no-sitemap > "$dir/report" 2> "$dir/err"
status=$?
[ "$status" = 1 ] || fail "crawl of the hostile site: exit $status, expected 1 ($(cat "$dir/err"))"
for path in trickle endless chunked short; do
  grep -q -x "$base/$path" "$dir/report" || fail "/$path (fails after its status line) is not reported dead"
done
grep -q -x "$base/fine" "$dir/report" && fail "/fine is reported dead"
grep -q "truncated" "$dir/report" && fail "the report calls a failed answer 'truncated': $(grep truncated "$dir/report")"
grep -q "$base/gone" "$dir/report" && fail "the partial body of /short was parsed as a page"

for path in trickle chunked short; do
  out=$("$sluice" crawl "$base/$path" --timeout 2 --retries 0 --no-sitemap 2>&1 >/dev/null)
  status=$?
  [ "$status" = 2 ] || fail "start URL /$path: exit $status, expected 2"
  case $out in
    *"cannot fetch the start URL $base/$path: failed after the status line (200 OK)"*) ;;
    *) fail "start URL /$path: unclear message: $out" ;;
  esac
done

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "hostile-server checks passed"
