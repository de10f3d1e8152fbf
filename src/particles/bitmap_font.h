// A small bitmap font for the labels of the PNG picture (title, legend):
// printable ASCII in 5 x 8 cells (7 rows above the baseline, 1 of
// descenders), drawn at an integer scale. Ours, drawn for this program:
// the picture needs a few dozen characters, not a font engine.
#ifndef SLUICE_PARTICLES_BITMAP_FONT_H_
#define SLUICE_PARTICLES_BITMAP_FONT_H_

#include <string_view>

#include "particles/png_writer.h"

namespace sluice::particles {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 8;
inline constexpr int kGlyphAdvance = 6;  // one column of space between glyphs

// Whether the glyph of `c` has ink at (col, row); characters outside
// printable ASCII are drawn as '?'.
bool GlyphInk(char c, int col, int row);

// Pixels from the left of the first glyph to the right of the last.
int TextWidth(std::string_view text, int scale);

// Draws `text` with its top-left corner at (x, y), each font pixel a
// scale x scale square; clipped to the image.
void DrawText(Image& image, int x, int y, std::string_view text, int scale, Rgb color);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_BITMAP_FONT_H_
