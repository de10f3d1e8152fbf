#!/usr/bin/env python3
"""pictures_test.py SLUICE_BINARY

What --png and --html show, checked against the simulation itself:
  - the HTML player's energy plot holds, for every step, exactly the energy
    the simulator reports (`--stats 1` prints each step's energy as the
    shortest repr of the double; the page must hold the same doubles), and
    the page carries a legend entry per worker, and draws particles in the
    PNG's exact worker colours;
  - the PNG decodes (our own reader: zlib + the PNG filters), is the
    chapter's square box plus a title band above and a legend band below;
    the title band holds black text pixels only, different for a different
    run; the legend band holds a swatch of every worker colour.
"""
import re
import struct
import subprocess
import sys
import tempfile
import zlib

SLUICE = sys.argv[1]
WORKER_COLOURS = [(0, 0, 255), (255, 165, 0), (255, 0, 0), (0, 255, 0), (165, 42, 42), (160, 32, 240),
                  (0, 255, 255), (0, 0, 0)]
failures = []


def fail(msg):
    print("FAIL:", msg)
    failures.append(msg)


def run(*args):
    proc = subprocess.run([SLUICE, "particles", *args], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"FAIL: sluice particles {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def decode_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no PNG signature")
    at, idat, width, height = 8, b"", None, None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] != zlib.crc32(kind + body):
            raise ValueError(f"bad CRC in {kind}")
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if (depth, colour) != (8, 2):
                raise ValueError(f"not 8-bit RGB: depth {depth}, colour type {colour}")
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 3
    rows, prev = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if kind == 1:
                cur[i] = (cur[i] + a) & 255
            elif kind == 2:
                cur[i] = (cur[i] + b) & 255
            elif kind == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(cur[x * 3:x * 3 + 3]) for x in range(width)])
        prev = cur
    return width, height, rows


def count(rows, y0, y1, colour):
    return sum(row.count(colour) for row in rows[y0:y1])


with tempfile.TemporaryDirectory() as tmp:
    # --- HTML: the plot's energies are the simulator's, step for step.
    steps = 300
    out = run("-n", "200", "-s", str(steps), "--mode", "threads", "-j", "3", "--stats", "1",
              "--html", f"{tmp}/run.html", "--html-every", "10")
    reported = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r"^step (\d+): energy (\S+)$", out, re.M)}
    final = float(re.search(r"^final energy: (\S+) ", out, re.M).group(1))
    page = open(f"{tmp}/run.html", encoding="utf-8").read()
    plot = re.search(r"const plot = \{\s*steps: \[([^\]]*)\],\s*energies: \[([^\]]*)\]", page)
    if not plot:
        fail("the page has no energy plot data")
    else:
        plot_steps = [int(s) for s in plot.group(1).split(",")]
        plot_energies = [float(e) for e in plot.group(2).split(",")]
        if plot_steps != list(range(steps + 1)):
            fail(f"the plot should hold steps 0..{steps}, holds {plot_steps[:5]}... ({len(plot_steps)})")
        elif plot_energies != [reported[s] for s in plot_steps]:
            bad = next(s for s, e in zip(plot_steps, plot_energies) if e != reported[s])
            fail(f"plot energy at step {bad} is {plot_energies[bad]!r}, the simulator said {reported[bad]!r}")
        elif plot_energies[-1] != final:
            fail(f"the plot ends at {plot_energies[-1]!r}, the final energy is {final!r}")
        else:
            print(f"ok: the plot holds the simulator's energy for all {len(plot_steps)} steps")
        if len(set(plot_energies)) < 10:
            fail("the energies barely change: the comparison proves little")
    frames = re.search(r"steps: \[([^\]]*)\],\s*energies: \[([^\]]*)\],\s*frames", page)
    if not frames or [float(e) for e in frames.group(2).split(",")] != [reported[int(s)] for s in frames.group(1).split(",")]:
        fail("the frames' energies are not the simulator's")
    for w in range(3):
        r, g, b = WORKER_COLOURS[w]
        if not re.search(rf'background:rgb\({r},{g},{b}\)"></span>thread {w}</span>', page):
            fail(f"no legend entry 'thread {w}' in rgb({r},{g},{b})")
    # The particles' colours are the PNG's exact ones (CSS's "green" and
    # "purple" are not Tk's, so colour names would not do).
    colours = re.search(r"const colors = \[([^\]]*)\]", page)
    want = ", ".join(f'"rgb({r},{g},{b})"' for r, g, b in WORKER_COLOURS)
    if not colours or colours.group(1) != want:
        fail(f"the player's colours are not the PNG's: {colours.group(1) if colours else None}")
    if "<canvas id=\"energy\"" not in page:
        fail("no canvas for the energy plot")

    # A long run: the plot is sampled, never more than ~4000 points, ends at the last step.
    run("-n", "20", "-s", "9001", "--html", f"{tmp}/long.html")
    page = open(f"{tmp}/long.html", encoding="utf-8").read()
    plot = re.search(r"const plot = \{\s*steps: \[([^\]]*)\]", page)
    plot_steps = [int(s) for s in plot.group(1).split(",")] if plot else []
    if plot_steps[:3] != [0, 3, 6] or plot_steps[-1:] != [9001] or len(plot_steps) > 4002:
        fail(f"a 9001-step plot should hold 0, 3, 6, ..., 9001: {plot_steps[:3]}...{plot_steps[-2:]}")
    else:
        print(f"ok: a 9001-step run plots {len(plot_steps)} points")

    # --- PNG: box + title band + legend band.
    run("-n", "100", "-s", "20", "--mode", "processes", "-j", "3", "--png", f"{tmp}/a.png")
    run("-n", "121", "-s", "20", "--mode", "processes", "-j", "3", "--png", f"{tmp}/b.png")
    width, height, rows = decode_png(f"{tmp}/a.png")
    radius = 10  # ceil(sqrt(10000 / 100))
    side = 600 + 2 * radius + 5
    print(f"a.png: {width} x {height}, box {side}")
    if width != side or height <= side + 40:
        fail(f"a.png is {width} x {height}: want the {side}-pixel box plus a title and a legend")
    # Two grey rules split the picture: title band | box (side x side) | legend band.
    rules = [y for y, row in enumerate(rows) if all(p == (200, 200, 200) for p in row)]
    if len(rules) != 2 or rules[1] - rules[0] - 1 != side:
        raise SystemExit(f"FAIL: want two rules {side} rows apart around the box, found rows {rules}")
    title_rows, legend_top = rows[:rules[0]], rules[1]
    print(f"title band: {rules[0]} rows, legend band: {height - legend_top} rows")
    title_ink = sum(row.count((0, 0, 0)) for row in title_rows)
    others = {p for row in title_rows for p in row} - {(0, 0, 0), (255, 255, 255)}
    if title_ink < 500:
        fail(f"the title band holds {title_ink} black pixels: no title text")
    elif others:
        fail(f"the title band holds colours other than black text on white: {sorted(others)[:5]}")
    else:
        print(f"ok: the title band holds {title_ink} text pixels")
    _, _, rows_b = decode_png(f"{tmp}/b.png")
    if rows_b[:len(title_rows)] == title_rows:
        fail("the titles of a 100- and a 121-particle run are the same pixels")
    # The legend band: a swatch of each worker colour (12 x 12 inside its outline), and labels.
    for w in range(3):
        n = count(rows, legend_top, height, WORKER_COLOURS[w])
        if n < 144:
            fail(f"the legend has {n} pixels of worker {w}'s colour, want a swatch")
    if count(rows, legend_top, height, (0, 0, 0)) < 300:
        fail("the legend has no label text")
    if not failures:
        print("ok: the PNG has a title and a legend of the 3 worker colours")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all passed")
