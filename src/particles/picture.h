// The --png picture: the chapter's drawing of the final state
// (DrawParticles) with a title band above it and a legend of the worker
// colours below it, in the program's own bitmap font (bitmap_font.h).
//
//   +------------------------------------------+
//   | 200 particles, 300 steps, threads (2)... |  title band (kTitleBand)
//   +------------------------------------------+
//   |                                          |
//   |          DrawParticles(...)              |  side x side
//   |                                          |
//   +------------------------------------------+
//   | [#] thread 0   [#] thread 1   ...        |  legend, wrapped in rows
//   +------------------------------------------+
//
// Text is black on white, at twice the font's size when the title fits,
// else at its size, cut with "..." when even that does not fit.
#ifndef SLUICE_PARTICLES_PICTURE_H_
#define SLUICE_PARTICLES_PICTURE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "particles/legend.h"
#include "particles/particle_set.h"
#include "particles/png_writer.h"

namespace sluice::particles {

inline constexpr int kPictureMargin = 8;
// Height of the title band: the tallest text and a margin above and below.
inline constexpr int kTitleBand = 2 * 8 + 2 * kPictureMargin;
inline constexpr int kLegendRow = 2 * 8 + kPictureMargin;  // one row of legend entries
inline constexpr int kSwatch = 14;                         // side of a legend's colour square

struct PictureLayout {
  int title_scale;             // 2 or 1
  std::string title;           // as drawn (possibly cut)
  int legend_rows;             // rows of legend entries
  std::vector<int> entry_x;    // left edge of each entry's swatch
  std::vector<int> entry_row;  // its row (0-based)
};

// Where the title and legend go in a picture `width` pixels wide.
PictureLayout LayOutPicture(int width, const std::string& title, const std::vector<LegendEntry>& legend);

Image DrawTitledPicture(const ParticleSet& s, double box_size, std::size_t workers, const std::string& title,
                        const std::vector<LegendEntry>& legend);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PICTURE_H_
