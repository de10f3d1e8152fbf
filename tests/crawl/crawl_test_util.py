"""Shared helpers of the `sluice crawl` behaviour tests: a free loopback
port, a server that stops by itself, running the binary, collecting
failures."""
import os
import socket
import subprocess
import sys
import time


def free_port(avoid_next=True):
    """A port free on 127.0.0.1 (and, if asked, with PORT+1 free too: the
    test site links to PORT+1 as 'another origin where nothing listens')."""
    for _ in range(50):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if not avoid_next:
            return port
        t = socket.socket()
        try:
            t.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
        finally:
            t.close()
    raise SystemExit("no free port pair on 127.0.0.1")


def wait_listening(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server on port %d did not come up" % port)


class Checker:
    def __init__(self, name):
        self.name = name
        self.failures = 0

    def check(self, cond, what, detail=""):
        if cond:
            print("ok: %s" % what)
        else:
            self.failures += 1
            print("FAIL: %s %s" % (what, detail))

    def finish(self):
        if self.failures:
            print("%s: %d failure(s)" % (self.name, self.failures))
            sys.exit(1)
        print("%s: all checks passed" % self.name)


def run(sluice, args, timeout=60):
    """Runs `sluice crawl ARGS`; returns (status, stdout, stderr)."""
    p = subprocess.run([sluice, "crawl"] + args, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
