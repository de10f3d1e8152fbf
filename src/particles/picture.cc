// See picture.h.
#include "particles/picture.h"

#include "particles/bitmap_font.h"

namespace sluice::particles {

namespace {
constexpr Rgb kInk{0, 0, 0};
constexpr Rgb kPaper{255, 255, 255};
constexpr Rgb kOutline{96, 96, 96};  // around swatches, so a white-ish colour would still show
constexpr Rgb kRule{200, 200, 200};  // the lines that separate the title and legend from the box
constexpr int kLabelScale = 2;
constexpr int kSwatchGap = 6;                  // between a swatch and its label
constexpr int kEntryGap = 3 * kPictureMargin;  // between one entry's label and the next swatch
}  // namespace

PictureLayout LayOutPicture(int width, const std::string& title, const std::vector<LegendEntry>& legend) {
  PictureLayout layout;
  const int room = width - 2 * kPictureMargin;
  layout.title = title;
  layout.title_scale = TextWidth(title, 2) <= room ? 2 : 1;
  if (TextWidth(layout.title, 1) > room) {
    while (!layout.title.empty() && TextWidth(layout.title + "...", 1) > room) layout.title.pop_back();
    layout.title += "...";
  }
  int x = kPictureMargin, row = 0;
  for (const LegendEntry& e : legend) {
    const int w = kSwatch + kSwatchGap + TextWidth(e.label, kLabelScale);
    if (x > kPictureMargin && x + w > width - kPictureMargin) {
      x = kPictureMargin;
      ++row;
    }
    layout.entry_x.push_back(x);
    layout.entry_row.push_back(row);
    x += w + kEntryGap;
  }
  layout.legend_rows = legend.empty() ? 0 : row + 1;
  return layout;
}

Image DrawTitledPicture(const ParticleSet& s, double box_size, std::size_t workers, const std::string& title,
                        const std::vector<LegendEntry>& legend) {
  const Image box = DrawParticles(s, box_size, workers);
  const PictureLayout layout = LayOutPicture(box.width(), title, legend);
  const int legend_top = kTitleBand + box.height();
  Image image(box.width(), legend_top + layout.legend_rows * kLegendRow + kPictureMargin / 2, kPaper);
  const int title_height = 8 * layout.title_scale;
  DrawText(image, kPictureMargin, (kTitleBand - title_height) / 2, layout.title, layout.title_scale, kInk);
  image.Paste(box, 0, kTitleBand);
  image.FillRect(0, kTitleBand - 1, image.width(), 1, kRule);
  image.FillRect(0, legend_top, image.width(), 1, kRule);
  for (std::size_t i = 0; i < legend.size(); ++i) {
    const int x = layout.entry_x[i];
    const int y = legend_top + layout.entry_row[i] * kLegendRow + kPictureMargin / 2;
    image.FillRect(x, y, kSwatch, kSwatch, kOutline);
    image.FillRect(x + 1, y + 1, kSwatch - 2, kSwatch - 2, legend[i].color);
    DrawText(image, x + kSwatch + kSwatchGap, y, legend[i].label, kLabelScale, kInk);
  }
  return image;
}

}  // namespace sluice::particles
