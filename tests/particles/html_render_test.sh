#!/usr/bin/env bash
# html_render_test.sh SLUICE_BINARY
# Renders a `sluice particles --html` page in headless Chromium and checks
# that its script ran and drew: the DOM after loading must carry the
# readout of a recorded step, a canvas with particles on it (the page
# counts non-white canvas pixels into <body data-drawn-pixels>) and an
# energy plot with its curve drawn (data-plot-points, data-plot-line-pixels). Skips
# (exit 77) when Chromium is not installed (tools/install_deps.sh installs it).
set -uo pipefail
sluice=$1
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then echo "SKIP: no chromium"; exit 77; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$sluice" particles -n 200 -s 300 --mode threads -j 2 --html "$tmp/run.html" --html-every 10 >/dev/null || {
  echo "FAIL: sluice particles --html failed"; exit 1; }
# HOME: chromium wants a writable profile directory; --no-sandbox: CI runs as root.
HOME=$tmp timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
  --dump-dom "file://$tmp/run.html" >"$tmp/dom.html" 2>"$tmp/browser.err"
status=$?
if [ "$status" -ne 0 ]; then echo "FAIL: chromium exited $status"; tail -5 "$tmp/browser.err"; exit 1; fi

failures=0
frames=$(grep -o 'data-frames="[0-9]*"' "$tmp/dom.html" | grep -o '[0-9]*')
pixels=$(grep -o 'data-drawn-pixels="[0-9]*"' "$tmp/dom.html" | grep -o '[0-9]*')
readout=$(grep -o 'id="readout">[^<]*' "$tmp/dom.html" | sed 's/.*>//')
plot_points=$(grep -o 'data-plot-points="[0-9]*"' "$tmp/dom.html" | grep -o '[0-9]*')
curve=$(grep -o 'data-plot-line-pixels="[0-9]*"' "$tmp/dom.html" | grep -o '[0-9]*')
echo "frames=$frames drawn_pixels=$pixels readout='$readout' plot_points=$plot_points curve_pixels=$curve"
[ "${frames:-0}" -eq 31 ] || { echo "FAIL: expected 31 frames (steps 0, 10, ..., 300), page says '${frames}'"; failures=1; }
# 200 discs of radius 8: thousands of coloured pixels (overlaps aside).
[ "${pixels:-0}" -gt 5000 ] || { echo "FAIL: the canvas is (nearly) blank: ${pixels:-none} drawn pixels"; failures=1; }
[[ $readout =~ ^step\ =\ [0-9]+,\ energy\ =\ [0-9.]+$ ]] || { echo "FAIL: no step/energy readout: '$readout'"; failures=1; }
# The energy plot: every step (0..300), and a curve drawn across the plot.
[ "${plot_points:-0}" -eq 301 ] || { echo "FAIL: expected 301 plot points, page says '${plot_points}'"; failures=1; }
[ "${curve:-0}" -gt 300 ] || { echo "FAIL: the energy curve is not drawn: ${curve:-none} pixels"; failures=1; }
[ "$failures" -eq 0 ] && echo "ok: the page drew"
exit "$failures"
