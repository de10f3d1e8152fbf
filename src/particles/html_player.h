// HtmlRecorder: records a run (positions every K steps, energies) and
// writes one self-contained HTML page that plays it back on a <canvas>
// with a "step = S, energy = E" readout, play/pause and a frame slider;
// beside it, a plot of the energy against the step (a marker follows the
// frame shown) and a legend of the worker colours.
//
// The energy is what the simulator computes: the kinetic energy, summed
// over the particles after each step (the chapter's model has no potential
// energy). The plot holds the energy of every step when the run has at
// most kMaxPlotPoints steps, else of every ceil(steps / kMaxPlotPoints)-th
// step, plus step 0 and the last; the numbers are written with 17
// significant digits, so they read back as the simulator's doubles.
//
// Frames hold positions quantised to 16 bits of the box side (0.0015% of
// the box, far below a pixel), base64-encoded in the page; particles are
// coloured by owning worker as in the PNG. Step 0 and the last step are
// always recorded.
//
// The page draws its first frame while loading and then records in
// document.body's data-drawn-pixels attribute how many canvas pixels are not
// background, and in data-plot-line-pixels how many pixels of the energy
// plot have the curve's colour, so a headless browser can prove the page
// really drew (tests/particles/html_render_test.sh).
#ifndef SLUICE_PARTICLES_HTML_PLAYER_H_
#define SLUICE_PARTICLES_HTML_PLAYER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "particles/legend.h"
#include "particles/particle_set.h"

namespace sluice::particles {

class HtmlRecorder {
 public:
  // Largest page we agree to write (the frames' base64 text).
  static constexpr std::size_t kMaxFrameBytes = std::size_t{256} << 20;
  // Most energy samples the plot holds (a few per pixel of its width).
  static constexpr std::int64_t kMaxPlotPoints = 4000;

  HtmlRecorder(std::size_t n, std::size_t workers, double box_size, std::int64_t steps, std::int64_t every);

  // Bytes of frame data the page will hold; compare with kMaxFrameBytes
  // before running.
  static std::size_t FrameBytes(std::size_t n, std::int64_t steps, std::int64_t every);

  // Call after every step (a StepObserver); keeps the sampled ones.
  void Observe(std::int64_t step, double energy, const ParticleSet& state);

  std::size_t frames() const { return steps_.size(); }
  std::size_t plot_points() const { return plot_steps_.size(); }

  // The page as text; `title` is shown above the canvas, `legend` beside it.
  std::string Page(const std::string& title, const std::vector<LegendEntry>& legend) const;

 private:
  std::size_t n_, workers_;
  double box_size_;
  std::int64_t last_step_, every_, plot_every_;
  std::vector<std::int64_t> plot_steps_;
  std::vector<double> plot_energies_;
  std::vector<std::int64_t> steps_;
  std::vector<double> energies_;
  std::vector<std::uint16_t> positions_;  // per frame: x0 y0 x1 y1 ...
};

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_HTML_PLAYER_H_
