// See html_player.h.
#include "particles/html_player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/html_escape.h"

namespace sluice::particles {

namespace {

std::string Base64(const std::uint8_t* data, std::size_t size) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const std::uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < size) {
    std::uint32_t v = data[i] << 16;
    if (i + 1 < size) v |= data[i + 1] << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < size ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::uint16_t Quantise(double v, double size) {
  if (!(v >= 0)) return 0;  // also NaN
  const double q = std::round(v / size * 65535.0);
  return static_cast<std::uint16_t>(std::min(q, 65535.0));
}

// The player. Placeholders @NAME@ are filled in by Page().
constexpr const char* kTemplate = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>sluice particles</title>
<style>
  body { font-family: sans-serif; margin: 16px; }
  #readout { font-size: 18px; margin: 8px 0; }
  canvas { border: 1px solid #888; }
  .controls { margin: 8px 0; }
  #frame { width: 400px; vertical-align: middle; }
  .panes { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
  .side { max-width: 480px; }
  .caption { font-size: 13px; color: #444; margin: 4px 0 12px; }
  #legend .entry { display: inline-block; margin: 0 16px 6px 0; white-space: nowrap; }
  #legend .swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #606060;
                    vertical-align: -2px; margin-right: 6px; }
</style>
</head>
<body>
<h1 style="font-size:20px">@TITLE@</h1>
<div class="panes">
<div>
<div id="readout">step = 0, energy = ?</div>
<canvas id="box" width="610" height="610"></canvas>
<div class="controls">
  <button id="play">pause</button>
  <input id="frame" type="range" min="0" max="0" value="0">
</div>
</div>
<div class="side">
<canvas id="energy" width="470" height="320"></canvas>
<div class="caption">Energy after each step: the kinetic energy &frac12;mv&sup2; summed over the
particles, as the simulator computes it (the model has no potential energy). @PLOT_NOTE@</div>
<div id="legend">@LEGEND@</div>
</div>
</div>
<script>
"use strict";
const run = {
  n: @N@, workers: @WORKERS@,
  steps: [@STEPS@],
  energies: [@ENERGIES@],
  frames: "@FRAMES@"
};
// The energy plot: every sampled step and its energy.
const plot = {
  steps: [@PLOT_STEPS@],
  energies: [@PLOT_ENERGIES@]
};
// Worker w is drawn in colors[w % 8], as in the PNG.
const colors = [@COLORS@];
const bytes = Uint8Array.from(atob(run.frames), c => c.charCodeAt(0));
const data = new DataView(bytes.buffer);
const canvas = document.getElementById("box");
const ctx = canvas.getContext("2d");
const readout = document.getElementById("readout");
const slider = document.getElementById("frame");
const playButton = document.getElementById("play");
// The chapter's layout: a 600-pixel box, discs of radius ceil(sqrt(10000 / n)).
const radius = Math.max(1, Math.ceil(Math.sqrt(10000 / run.n)));
canvas.width = canvas.height = 600 + 2 * radius + 5;
const scale = 600 / 65535;
// Owner of particle k: the same contiguous blocks as the simulator.
function ownerOf(k) {
  const base = Math.floor(run.n / run.workers), rem = run.n % run.workers, big = (base + 1) * rem;
  return k < big ? Math.floor(k / (base + 1)) : rem + Math.floor((k - big) / base);
}
function draw(f) {
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const at = f * run.n * 4;
  for (let k = 0; k < run.n; ++k) {
    const x = data.getUint16(at + 4 * k, true) * scale + radius + 5;
    const y = data.getUint16(at + 4 * k + 2, true) * scale + radius + 5;
    ctx.fillStyle = colors[ownerOf(k) % colors.length];
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
  }
  readout.textContent = "step = " + run.steps[f] + ", energy = " + run.energies[f].toPrecision(12);
  slider.value = f;
  drawPlot(run.steps[f], run.energies[f]);
}
const plotCanvas = document.getElementById("energy");
const plotCtx = plotCanvas.getContext("2d");
const curveColor = "rgb(31,78,154)";
let plotLo = Infinity, plotHi = -Infinity;
for (const e of plot.energies) { plotLo = Math.min(plotLo, e); plotHi = Math.max(plotHi, e); }
// The energy axis: the range of the curve plus 5% above and below (a
// constant energy gets a small range around it).
const axisLo = plotLo === plotHi ? plotLo - (Math.abs(plotLo) * 1e-6 || 1e-6) : plotLo - 0.05 * (plotHi - plotLo);
const axisHi = plotLo === plotHi ? plotHi + (Math.abs(plotHi) * 1e-6 || 1e-6) : plotHi + 0.05 * (plotHi - plotLo);
const firstStep = plot.steps[0], lastStep = Math.max(plot.steps[plot.steps.length - 1], firstStep + 1);
const area = { left: 96, right: plotCanvas.width - 14, top: 30, bottom: plotCanvas.height - 42 };
function plotX(step) { return area.left + (step - firstStep) / (lastStep - firstStep) * (area.right - area.left); }
function plotY(e) { return area.bottom - (e - axisLo) / (axisHi - axisLo) * (area.bottom - area.top); }
// The curve, axes and labels; a marker at (step, energy) of the frame shown.
function drawPlot(step, energy) {
  const g = plotCtx;
  g.fillStyle = "white";
  g.fillRect(0, 0, plotCanvas.width, plotCanvas.height);
  g.strokeStyle = "#888";
  g.lineWidth = 1;
  g.strokeRect(area.left, area.top, area.right - area.left, area.bottom - area.top);
  g.fillStyle = "black";
  g.font = "13px sans-serif";
  g.textAlign = "left";
  g.fillText("energy vs step", area.left, 18);
  g.textAlign = "right";
  g.fillText(plotHi.toPrecision(8), area.left - 6, plotY(plotHi) + 4);
  g.fillText(plotLo.toPrecision(8), area.left - 6, plotY(plotLo) + 4);
  g.textAlign = "center";
  g.fillText(String(plot.steps[0]), area.left, area.bottom + 16);
  g.fillText(String(plot.steps[plot.steps.length - 1]), area.right, area.bottom + 16);
  g.fillText("step", (area.left + area.right) / 2, area.bottom + 32);
  g.strokeStyle = curveColor;
  g.lineWidth = 1.5;
  g.beginPath();
  for (let i = 0; i < plot.steps.length; ++i) {
    const x = plotX(plot.steps[i]), y = plotY(plot.energies[i]);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  }
  if (plot.steps.length === 1) g.lineTo(plotX(plot.steps[0]) + 1, plotY(plot.energies[0]));
  g.stroke();
  g.strokeStyle = "rgba(220,0,0,0.6)";
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(plotX(step), area.top);
  g.lineTo(plotX(step), area.bottom);
  g.stroke();
  g.fillStyle = "rgb(220,0,0)";
  g.beginPath();
  g.arc(plotX(step), plotY(energy), 3.5, 0, 2 * Math.PI);
  g.fill();
}
// Pixels of the plot in the curve's colour (give or take antialiasing).
function curvePixels() {
  const px = plotCtx.getImageData(0, 0, plotCanvas.width, plotCanvas.height).data;
  let count = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i + 2] > 100 && px[i + 2] > px[i] + 60) ++count;
  return count;
}
function drawnPixels() {
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let count = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i] !== 255 || px[i + 1] !== 255 || px[i + 2] !== 255) ++count;
  return count;
}
slider.max = run.steps.length - 1;
let frame = 0, playing = true, last = 0;
draw(0);
document.body.dataset.frames = run.steps.length;
document.body.dataset.drawnPixels = drawnPixels();
document.body.dataset.plotPoints = plot.steps.length;
document.body.dataset.plotLinePixels = curvePixels();
function tick(now) {
  if (playing && now - last > 40) {
    last = now;
    frame = (frame + 1) % run.steps.length;
    draw(frame);
  }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
playButton.onclick = () => { playing = !playing; playButton.textContent = playing ? "pause" : "play"; };
slider.oninput = () => { playing = false; playButton.textContent = "play"; frame = +slider.value; draw(frame); };
</script>
</body>
</html>
)HTML";

// "rgb(R,G,B)": the exact colour, where CSS's names differ from Tk's
// (CSS green is 0,128,0, Tk's 0,255,0).
std::string CssColor(const Rgb& c) {
  return "rgb(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + ")";
}

// "s0,s1,..." and "e0,e1,...", energies with 17 significant digits (they
// read back as the same doubles).
void JoinSeries(const std::vector<std::int64_t>& steps, const std::vector<double>& energies, std::string& steps_out,
                std::string& energies_out) {
  char buf[40];
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i) {
      steps_out += ',';
      energies_out += ',';
    }
    steps_out += std::to_string(steps[i]);
    // JSON has no inf/nan; a recorded energy is always finite (blow-ups stop first).
    std::snprintf(buf, sizeof buf, "%.17g", std::isfinite(energies[i]) ? energies[i] : 0.0);
    energies_out += buf;
  }
}

void Replace(std::string& s, const std::string& key, const std::string& value) {
  const std::size_t at = s.find(key);
  if (at != std::string::npos) s.replace(at, key.size(), value);
}

}  // namespace

HtmlRecorder::HtmlRecorder(std::size_t n, std::size_t workers, double box_size, std::int64_t steps, std::int64_t every)
    : n_(n),
      workers_(workers),
      box_size_(box_size),
      last_step_(steps),
      every_(every < 1 ? 1 : every),
      plot_every_(steps > kMaxPlotPoints ? (steps + kMaxPlotPoints - 1) / kMaxPlotPoints : 1) {}

std::size_t HtmlRecorder::FrameBytes(std::size_t n, std::int64_t steps, std::int64_t every) {
  // In double: steps and n may be absurd, and the product must not wrap.
  const double frames = static_cast<double>(steps / std::max<std::int64_t>(every, 1)) + 2;
  const double bytes = frames * static_cast<double>(n) * 4 * 4 / 3;
  return bytes >= 1e18 ? std::size_t{1} << 60 : static_cast<std::size_t>(bytes);
}

void HtmlRecorder::Observe(std::int64_t step, double energy, const ParticleSet& state) {
  if (step % plot_every_ == 0 || step == last_step_) {
    plot_steps_.push_back(step);
    plot_energies_.push_back(energy);
  }
  if (step % every_ != 0 && step != last_step_) return;
  steps_.push_back(step);
  energies_.push_back(energy);
  for (std::size_t k = 0; k < n_; ++k) {
    positions_.push_back(Quantise(state.x[k], box_size_));
    positions_.push_back(Quantise(state.y[k], box_size_));
  }
}

std::string HtmlRecorder::Page(const std::string& title, const std::vector<LegendEntry>& legend) const {
  std::string steps, energies, plot_steps, plot_energies;
  JoinSeries(steps_, energies_, steps, energies);
  JoinSeries(plot_steps_, plot_energies_, plot_steps, plot_energies);
  std::string colors;
  for (const Rgb& c : kWorkerColors) {
    if (!colors.empty()) colors += ", ";
    colors += '"';
    colors += CssColor(c);
    colors += '"';
  }
  std::string legend_html;
  for (const LegendEntry& e : legend) {
    legend_html += "<span class=\"entry\"><span class=\"swatch\" style=\"background:";
    legend_html += CssColor(e.color);
    legend_html += "\"></span>";
    legend_html += HtmlEscape(e.label);
    legend_html += "</span>\n";
  }
  const std::string plot_note = plot_every_ == 1
                                    ? std::string("Every step is plotted.")
                                    : "Steps 0, " + std::to_string(plot_every_) + ", " +
                                          std::to_string(2 * plot_every_) + ", ... and the last are plotted.";
  // Little-endian bytes of the positions, whatever the host order.
  std::vector<std::uint8_t> bytes;
  bytes.reserve(positions_.size() * 2);
  for (std::uint16_t v : positions_) {
    bytes.push_back(static_cast<std::uint8_t>(v & 0xff));
    bytes.push_back(static_cast<std::uint8_t>(v >> 8));
  }
  std::string page = kTemplate;
  Replace(page, "@N@", std::to_string(n_));
  Replace(page, "@WORKERS@", std::to_string(workers_));
  Replace(page, "@STEPS@", steps);
  Replace(page, "@ENERGIES@", energies);
  Replace(page, "@PLOT_STEPS@", plot_steps);
  Replace(page, "@PLOT_ENERGIES@", plot_energies);
  Replace(page, "@COLORS@", colors);
  Replace(page, "@PLOT_NOTE@", plot_note);
  Replace(page, "@LEGEND@", legend_html);  // escaped: labels hold no placeholder
  Replace(page, "@FRAMES@", Base64(bytes.data(), bytes.size()));
  Replace(page, "@TITLE@", HtmlEscape(title));  // last: the title may contain '@'
  return page;
}

}  // namespace sluice::particles
