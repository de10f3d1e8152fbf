// The --png picture's parts: the bitmap font, the worker legend, and the
// titled picture (box drawn as before, title above, legend below).
#include "particles/picture.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "particles/bitmap_font.h"
#include "particles/initial_state.h"
#include "particles/legend.h"

namespace sluice::particles {
namespace {

constexpr Rgb kWhite{255, 255, 255};
constexpr Rgb kBlack{0, 0, 0};

std::string GlyphBits(char c) {
  std::string bits;
  for (int row = 0; row < kGlyphHeight; ++row) {
    for (int col = 0; col < kGlyphWidth; ++col) bits += GlyphInk(c, col, row) ? '#' : '.';
  }
  return bits;
}

TEST(BitmapFontTest, EveryPrintableCharacterHasItsOwnGlyph) {
  std::set<std::string> seen;
  for (char c = 32; c < 127; ++c) {
    const std::string bits = GlyphBits(c);
    EXPECT_TRUE(seen.insert(bits).second) << "'" << c << "' looks like another character";
    EXPECT_EQ(bits.find('#') == std::string::npos, c == ' ') << "'" << c << "'";
  }
  EXPECT_EQ(GlyphBits('\n'), GlyphBits('?'));
  EXPECT_EQ(GlyphBits('\xe9'), GlyphBits('?'));
  // Two glyphs, spot-checked row by row.
  EXPECT_EQ(GlyphBits('T'),
            "#####"
            "..#.."
            "..#.."
            "..#.."
            "..#.."
            "..#.."
            "..#.."
            ".....");
  EXPECT_EQ(GlyphBits('g'),
            "....."
            "....."
            ".####"
            "#...#"
            "#...#"
            ".####"
            "....#"
            ".###.");
}

TEST(BitmapFontTest, DrawTextInksTheGlyphsAtScale) {
  EXPECT_EQ(TextWidth("", 2), 0);
  EXPECT_EQ(TextWidth("ab", 1), 11);
  EXPECT_EQ(TextWidth("ab", 2), 22);
  Image image(40, 20, kWhite);
  DrawText(image, 3, 2, "T", 2, kBlack);
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const bool inside = x >= 3 && x < 3 + 10 && y >= 2 && y < 2 + 16;
      const bool ink = inside && GlyphInk('T', (x - 3) / 2, (y - 2) / 2);
      EXPECT_EQ(image.at(x, y), ink ? kBlack : kWhite) << x << "," << y;
    }
  }
  DrawText(image, 35, 15, "WW", 3, kBlack);  // clipped, no crash
}

std::vector<std::string> Labels(const std::vector<LegendEntry>& legend) {
  std::vector<std::string> labels;
  for (const LegendEntry& e : legend) labels.push_back(e.label);
  return labels;
}

TEST(LegendTest, OneEntryPerColourInUse) {
  EXPECT_EQ(Labels(WorkerLegend(Mode::kSerial, 1)), (std::vector<std::string>{"serial"}));
  EXPECT_EQ(Labels(WorkerLegend(Mode::kThreads, 3)), (std::vector<std::string>{"thread 0", "thread 1", "thread 2"}));
  EXPECT_EQ(Labels(WorkerLegend(Mode::kProcesses, 1)), (std::vector<std::string>{"process 0"}));
  const auto eleven = WorkerLegend(Mode::kProcesses, 11);
  ASSERT_EQ(eleven.size(), 8u);
  EXPECT_EQ(eleven[0].label, "processes 0, 8");
  EXPECT_EQ(eleven[2].label, "processes 2, 10");
  EXPECT_EQ(eleven[3].label, "process 3");
  EXPECT_EQ(WorkerLegend(Mode::kThreads, 20)[1].label, "threads 1, 9, 17");
  EXPECT_EQ(WorkerLegend(Mode::kThreads, 64)[0].label, "threads 0, 8, ..., 56 (8)");
  EXPECT_EQ(WorkerLegend(Mode::kThreads, 64)[7].label, "threads 7, 15, ..., 63 (8)");
  for (std::size_t c = 0; c < 8; ++c) EXPECT_EQ(eleven[c].color, kWorkerColors[c]);
}

int CountColour(const Image& image, Rgb colour, int y0, int y1) {
  int count = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < image.width(); ++x) count += image.at(x, y) == colour;
  }
  return count;
}

TEST(PictureTest, TitleAboveTheUnchangedBoxAndLegendBelow) {
  const std::size_t n = 20;
  const Physics ph = Physics::ForCount(n);
  const ParticleSet s = MakeParticles(n, ph);
  const Image box = DrawParticles(s, ph.box_size, 3);
  const std::string title = "20 particles, 1000 steps, threads (3), naive";
  const auto legend = WorkerLegend(Mode::kThreads, 3);
  const Image image = DrawTitledPicture(s, ph.box_size, 3, title, legend);
  ASSERT_EQ(image.width(), box.width());
  ASSERT_GT(image.height(), kTitleBand + box.height());
  // The box, pixel for pixel.
  for (int y = 0; y < box.height(); ++y) {
    for (int x = 0; x < box.width(); ++x) ASSERT_EQ(image.at(x, y + kTitleBand), box.at(x, y)) << x << "," << y;
  }
  // The title band: exactly the title's glyphs at twice the font size.
  Image expected(image.width(), kTitleBand, kWhite);
  DrawText(expected, kPictureMargin, (kTitleBand - 16) / 2, title, 2, kBlack);
  const int ink = CountColour(expected, kBlack, 0, kTitleBand);
  EXPECT_GT(ink, 1000);
  EXPECT_EQ(CountColour(image, kBlack, 0, kTitleBand - 1), ink);
  for (int y = 0; y < kTitleBand - 1; ++y) {
    for (int x = 0; x < image.width(); ++x) ASSERT_EQ(image.at(x, y), expected.at(x, y)) << x << "," << y;
  }
  // The legend: a swatch of each worker's colour, and labels.
  const int legend_top = kTitleBand + box.height();
  for (std::size_t w = 0; w < 3; ++w) {
    EXPECT_GE(CountColour(image, kWorkerColors[w], legend_top, image.height()), (kSwatch - 2) * (kSwatch - 2));
  }
  EXPECT_GT(CountColour(image, kBlack, legend_top, image.height()), 300);
}

TEST(PictureTest, LongTitlesShrinkThenGetCutAndLegendsWrap) {
  const int width = 607;  // the picture of many particles
  PictureLayout fits = LayOutPicture(width, std::string(49, 'x'), {});
  EXPECT_EQ(fits.title_scale, 2);
  PictureLayout smaller = LayOutPicture(width, std::string(60, 'x'), {});
  EXPECT_EQ(smaller.title_scale, 1);
  EXPECT_EQ(smaller.title, std::string(60, 'x'));
  PictureLayout cut = LayOutPicture(width, std::string(200, 'x'), {});
  EXPECT_EQ(cut.title_scale, 1);
  EXPECT_EQ(cut.title.substr(cut.title.size() - 3), "...");
  EXPECT_LE(TextWidth(cut.title, 1), width - 2 * kPictureMargin);
  EXPECT_GT(TextWidth(cut.title + "x", 1), width - 2 * kPictureMargin);

  PictureLayout legend = LayOutPicture(width, "t", WorkerLegend(Mode::kThreads, 8));
  EXPECT_GT(legend.legend_rows, 1);
  EXPECT_EQ(legend.entry_x[0], kPictureMargin);
  EXPECT_EQ(legend.entry_row[0], 0);
  EXPECT_EQ(legend.entry_row.back(), legend.legend_rows - 1);
}

}  // namespace
}  // namespace sluice::particles
