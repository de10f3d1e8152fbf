#!/usr/bin/env python3
"""progress_test.py SLUICE_BINARY

The progress line of `sluice particles`: a run of a few seconds shows
"step S/N (P%), R steps/s, ETA M:SS" on stderr when stderr is a terminal
(a pseudo-terminal here), rewritten in place with '\\r' and erased before
the closing lines; with stderr a pipe or a file nothing of it appears.
"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

SLUICE = sys.argv[1]


def calibrate():
    """Steps of 20000 particles that take about 3 seconds here (the line
    appears after one second), from the times two short runs report: the
    difference is the cost of the steps alone, without the set-up that
    made one short run overestimate it (a 0.7 s run then showed no line)."""
    def took(steps):
        out = subprocess.run([SLUICE, "particles", "-n", "20000", "-s", str(steps)], capture_output=True,
                             text=True, check=True, timeout=120).stdout
        return float(re.search(r"took ([0-9.]+) seconds", out).group(1))
    per_step = max((took(400) - took(100)) / 300, 1e-5)
    return max(200, min(50000, int(3.0 / per_step)))


STEPS = calibrate()
ARGS = [SLUICE, "particles", "-n", "20000", "-s", str(STEPS)]
LINE = re.compile(r"\rstep (\d+)/%d \((\d+)%%\), ([0-9.]+) steps/s, ETA (\d+:\d\d)" % STEPS)
print(f"runs of {STEPS} steps")
failures = []


def fail(msg):
    print("FAIL:", msg)
    failures.append(msg)


def run_on_terminal(stdout_too):
    """Runs ARGS with stderr on a pseudo-terminal; returns (terminal bytes, stdout bytes, status)."""
    master, slave = pty.openpty()
    out = slave if stdout_too else subprocess.PIPE
    proc = subprocess.Popen(ARGS, stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
    os.close(slave)
    seen = b""
    deadline = time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read() if proc.stdout else b""
    status = proc.wait(timeout=60)
    os.close(master)
    return seen, stdout, status


# 1. stderr on a terminal, stdout a pipe: the terminal sees only the progress line.
term, stdout, status = run_on_terminal(stdout_too=False)
text = term.decode("utf-8", "replace")
draws = LINE.findall(text)
if status != 0:
    fail(f"exit status {status}")
if not draws:
    fail(f"no progress line on the terminal: {text[:300]!r}")
else:
    print(f"ok: {len(draws)} progress updates on the terminal, first {draws[0]}, last {draws[-1]}")
    steps = [int(d[0]) for d in draws]
    if steps != sorted(steps) or not 0 < steps[0] <= STEPS:
        fail(f"progress steps are not increasing within 1..{STEPS}: {steps}")
    for step, percent, rate, _ in draws:
        if int(percent) != int(step) * 100 // STEPS:
            fail(f"step {step} shown as {percent}%")
        if float(rate) <= 0:
            fail(f"rate {rate} steps/s")
    # Erased at the end: the last thing on the terminal is '\r', blanks, '\r'.
    if not re.search(r"\r {20,}\r$", text):
        fail(f"the progress line is not erased at the end: {text[-120:]!r}")
if "\n" in text:
    fail("the progress line must never start a new line on the terminal")
if not re.search(rb"^serial simulation took [0-9.]+ seconds\nfinal energy: ", stdout):
    fail(f"stdout (a pipe) changed: {stdout[:200]!r}")
if b"steps/s" in stdout:
    fail("the progress line went to stdout")

# 2. stdout and stderr on the same terminal: the closing lines come after the
# erased progress line, never glued to it.
term, _, status = run_on_terminal(stdout_too=True)
text = term.decode("utf-8", "replace")
if status != 0 or not LINE.search(text):
    fail(f"shared terminal: status {status}, no progress: {text[:200]!r}")
else:
    at = text.find("serial simulation took")
    if at < 0 or not re.search(r"\r {20,}\r$", text[:at]):
        fail(f"shared terminal: the closing line does not follow an erased progress line: {text[-300:]!r}")
    else:
        print("ok: on a shared terminal the progress line is erased before the closing lines")

# 3. stderr a pipe, then a file: no progress line at all.
proc = subprocess.run(ARGS, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
if proc.returncode != 0 or proc.stderr != b"":
    fail(f"stderr is a pipe: status {proc.returncode}, stderr {proc.stderr[:200]!r}")
else:
    print("ok: nothing on stderr when it is a pipe")
with tempfile.TemporaryFile() as err:
    proc = subprocess.run(ARGS, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, timeout=120)
    err.seek(0)
    data = err.read()
    if proc.returncode != 0 or data != b"":
        fail(f"stderr is a file: status {proc.returncode}, stderr {data[:200]!r}")
    else:
        print("ok: nothing on stderr when it is a file")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all passed")
