#!/usr/bin/env python3
"""interrupt_test.py SLUICE_BINARY: Ctrl-C in `sluice sql`, as in sqlite3 3.40.

At a terminal (a pseudo-terminal here): Ctrl-C during a long query prints
"Runtime error: interrupted (9)" and the shell goes on with the open
transaction kept; during an INSERT inside BEGIN it rolls the transaction
back (sqlite3's rule); while a line is typed or in a Ctrl-R search it drops that line; three in
a row with no line in between leave with status 1. Each line entered is in
~/.sluice_history at once, not only after a clean exit. In a script (stdin
not a terminal) SIGINT stops the statement and the script: "Runtime error
near line N: interrupted (9)", status 1; with SQL arguments "Error:
stepping, interrupted (9)", status 9.
"""
import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time

SLUICE = os.path.abspath(sys.argv[1])
failures = []

# 1024 rows: LONG_QUERY (2^40 pairs) and LONG_INSERT run for minutes.
SETUP = ["create table a(x); insert into a values (1);"] + [
    "insert into a select x + (select count(*) from a) from a;"
] * 10
LONG_QUERY = "select count(*) from a, a as b, a as c, a as d;"
LONG_INSERT = "insert into a select a.x from a, a as b, a as c where a.x + b.x + c.x < 0;"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


class Terminal:
    def __init__(self, home):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["HOME"] = home
            os.environ["TERM"] = "dumb"
            os.execv(SLUICE, [SLUICE, "sql"])
        self.out = b""
        self.status = None

    def read_for(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.out += data

    def wait_for(self, text, seconds=20):
        """Reads until `text` appears after the current mark; True if it did."""
        end = time.time() + seconds
        while time.time() < end:
            if text.encode() in self.out[self.mark:]:
                return True
            self.read_for(0.1)
            if self.exited():
                self.read_for(0.2)
                return text.encode() in self.out[self.mark:]
        return False

    def send(self, text):
        self.mark = len(self.out)
        os.write(self.fd, text.encode())

    def line(self, sql, expect=None):
        self.send(sql + "\n")
        return self.wait_for(expect if expect is not None else "sluice> ", 30)

    def exited(self):
        if self.status is None:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid != 0:
                self.status = st
        return self.status is not None

    def wait_exit(self, seconds):
        end = time.time() + seconds
        while time.time() < end and not self.exited():
            self.read_for(0.05)
            time.sleep(0.05)
        return self.exited()

    def close(self):
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def interactive(home):
    t = Terminal(home)
    t.mark = 0
    check(t.wait_for("sluice> "), "no prompt at start")
    for sql in SETUP:
        t.line(sql)
    t.line("begin; insert into a values (0);")
    # A long query, interrupted.
    t.send(LONG_QUERY + "\n")
    t.read_for(0.7)
    t.send("\x03")
    check(t.wait_for("Runtime error: interrupted (9)", 15), "Ctrl-C during a query: no 'Runtime error: interrupted (9)'")
    check(not t.exited(), "Ctrl-C during a query ended the shell")
    check(t.line("select count(*) from a;", "1025"), "the transaction was not kept after an interrupted query")
    # History is on disk already, while the shell runs.
    history = os.path.join(home, ".sluice_history")
    text = open(history).read() if os.path.exists(history) else ""
    check("select\\040count(*)\\040from\\040a;" in text, "history file lacks the lines entered so far: %r" % text[-300:])
    # Ctrl-C while typing drops the line.
    t.send("select 'partial")
    t.read_for(0.3)
    t.send("\x03")
    t.read_for(0.3)
    check(t.line("select 42;", "42"), "the line after Ctrl-C at the prompt did not run on its own")
    check(b"partial" not in t.out[t.mark:], "the dropped line was run")
    # Ctrl-C in a history search (Ctrl-R) too.
    t.send("\x12sel")
    t.read_for(0.3)
    t.send("\x03")
    t.read_for(0.3)
    check(not t.exited(), "Ctrl-C in a Ctrl-R search ended the shell")
    check(t.line("select 43;", "43"), "the line after Ctrl-C in a Ctrl-R search did not run on its own")
    # An interrupted INSERT inside BEGIN rolls the transaction back.
    t.send(LONG_INSERT + "\n")
    t.read_for(0.7)
    t.send("\x03")
    check(t.wait_for("Runtime error: interrupted (9)", 15), "Ctrl-C during an INSERT: no message")
    check(t.line("select count(*) from a;", "1024"), "the interrupted INSERT's transaction was not rolled back")
    check(t.line("commit;", "cannot commit - no transaction is active"), "a transaction is still open")
    # EOF leaves normally.
    t.send("\x04")
    check(t.wait_exit(10) and os.WIFEXITED(t.status), "EOF did not end the shell normally: %r" % t.out[-300:])
    t.close()
    # Three Ctrl-C in a row: the way out (sqlite3 exits with 1).
    t = Terminal(home)
    t.mark = 0
    t.wait_for("sluice> ")
    for _ in range(3):
        t.send("\x03")
        t.read_for(0.3)
    check(t.wait_exit(10) and os.WIFEXITED(t.status) and os.WEXITSTATUS(t.status) == 1,
          "three Ctrl-C in a row did not leave with status 1: %r %r" % (t.status, t.out))
    t.close()


def script(tmp):
    path = os.path.join(tmp, "long.sql")
    with open(path, "w") as f:
        f.write("\n".join(SETUP + [LONG_QUERY, "select 'after';"]) + "\n")
    with open(path) as stdin:
        p = subprocess.Popen([SLUICE, "sql"], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
    check(err == b"Runtime error near line 12: interrupted (9)\n", "script: stderr %r" % err)
    check(out == b"", "script: went on after the interrupt: %r" % out)
    check(p.returncode == 1, "script: exit status %d, want 1" % p.returncode)
    p = subprocess.Popen([SLUICE, "sql", ":memory:", " ".join(SETUP), LONG_QUERY],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    check(err == b"Error: stepping, interrupted (9)\n", "SQL argument: stderr %r" % err)
    check(p.returncode == 9, "SQL argument: exit status %d, want 9" % p.returncode)


with tempfile.TemporaryDirectory() as tmp:
    interactive(tmp)
    script(tmp)
if failures:
    sys.exit(1)
print("ok: interrupt")
