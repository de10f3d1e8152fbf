// See html_player.h.
#include "particles/html_player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

std::string EscapeHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
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
</style>
</head>
<body>
<h1 style="font-size:20px">@TITLE@</h1>
<div id="readout">step = 0, energy = ?</div>
<canvas id="box" width="610" height="610"></canvas>
<div class="controls">
  <button id="play">pause</button>
  <input id="frame" type="range" min="0" max="0" value="0">
</div>
<script>
"use strict";
const run = {
  n: @N@, workers: @WORKERS@,
  steps: [@STEPS@],
  energies: [@ENERGIES@],
  frames: "@FRAMES@"
};
const colors = ["blue", "orange", "red", "green", "brown", "purple", "cyan", "black"];
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

void Replace(std::string& s, const std::string& key, const std::string& value) {
  const std::size_t at = s.find(key);
  if (at != std::string::npos) s.replace(at, key.size(), value);
}

}  // namespace

HtmlRecorder::HtmlRecorder(std::size_t n, std::size_t workers, double box_size, std::int64_t steps, std::int64_t every)
    : n_(n), workers_(workers), box_size_(box_size), last_step_(steps), every_(every < 1 ? 1 : every) {}

std::size_t HtmlRecorder::FrameBytes(std::size_t n, std::int64_t steps, std::int64_t every) {
  // In double: steps and n may be absurd, and the product must not wrap.
  const double frames = static_cast<double>(steps / std::max<std::int64_t>(every, 1)) + 2;
  const double bytes = frames * static_cast<double>(n) * 4 * 4 / 3;
  return bytes >= 1e18 ? std::size_t{1} << 60 : static_cast<std::size_t>(bytes);
}

void HtmlRecorder::Observe(std::int64_t step, double energy, const ParticleSet& state) {
  if (step % every_ != 0 && step != last_step_) return;
  steps_.push_back(step);
  energies_.push_back(energy);
  for (std::size_t k = 0; k < n_; ++k) {
    positions_.push_back(Quantise(state.x[k], box_size_));
    positions_.push_back(Quantise(state.y[k], box_size_));
  }
}

std::string HtmlRecorder::Page(const std::string& title) const {
  std::string steps, energies;
  char buf[40];
  for (std::size_t f = 0; f < steps_.size(); ++f) {
    if (f) {
      steps += ',';
      energies += ',';
    }
    steps += std::to_string(steps_[f]);
    // JSON has no inf/nan; a recorded energy is always finite (blow-ups stop first).
    std::snprintf(buf, sizeof buf, "%.17g", std::isfinite(energies_[f]) ? energies_[f] : 0.0);
    energies += buf;
  }
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
  Replace(page, "@FRAMES@", Base64(bytes.data(), bytes.size()));
  Replace(page, "@TITLE@", EscapeHtml(title));  // last: the title may contain '@'
  return page;
}

}  // namespace sluice::particles
