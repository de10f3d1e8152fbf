// The PNG encoder (decoded back with zlib) and the HTML recorder.
#include "particles/png_writer.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "particles/html_player.h"
#include "particles/initial_state.h"
#include "particles/legend.h"

namespace sluice::particles {
namespace {

std::uint32_t U32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

TEST(PngTest, RoundTripsThroughZlib) {
  Image image(5, 3, Rgb{255, 255, 255});
  image.DrawDisc(2.5, 1.5, 0.6, Rgb{255, 0, 0});
  EXPECT_EQ(image.at(2, 1), (Rgb{255, 0, 0}));
  EXPECT_EQ(image.at(0, 0), (Rgb{255, 255, 255}));
  const std::vector<std::uint8_t> png = EncodePng(image);
  ASSERT_GT(png.size(), 8u + 25 + 12 + 12);
  EXPECT_EQ(std::string(png.begin() + 1, png.begin() + 4), "PNG");
  // Walk the chunks, checking each CRC, and collect IDAT.
  std::size_t at = 8;
  std::vector<std::string> types;
  std::vector<std::uint8_t> idat;
  while (at < png.size()) {
    const std::uint32_t len = U32(png, at);
    const std::string type(png.begin() + at + 4, png.begin() + at + 8);
    types.push_back(type);
    const uLong crc = crc32(0, png.data() + at + 4, 4 + len);
    EXPECT_EQ(U32(png, at + 8 + len), crc) << type;
    if (type == "IHDR") {
      EXPECT_EQ(U32(png, at + 8), 5u);
      EXPECT_EQ(U32(png, at + 12), 3u);
    }
    if (type == "IDAT") idat.insert(idat.end(), png.begin() + at + 8, png.begin() + at + 8 + len);
    at += 12 + len;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
  std::vector<std::uint8_t> raw(3 * (1 + 5 * 3));
  uLongf raw_size = raw.size();
  ASSERT_EQ(uncompress(raw.data(), &raw_size, idat.data(), idat.size()), Z_OK);
  ASSERT_EQ(raw_size, raw.size());
  // Row 1: filter byte, then pixel 2 is red.
  EXPECT_EQ(raw[16 + 1 + 2 * 3], 255);
  EXPECT_EQ(raw[16 + 1 + 2 * 3 + 1], 0);
}

TEST(PngTest, ParticlesAreColouredByOwner) {
  const std::size_t n = 20;
  const Physics ph = Physics::ForCount(n);
  const ParticleSet s = MakeParticles(n, ph);
  const Image image = DrawParticles(s, ph.box_size, 2);
  const int radius = 23;  // ceil(sqrt(10000 / 20))
  EXPECT_EQ(image.width(), 600 + 2 * radius + 5);
  const double scale = 600 / ph.box_size;
  // Particle 0 belongs to worker 0 (blue), particle 19 to worker 1 (orange):
  // their centres show those colours unless another disc was drawn on top.
  auto centre = [&](std::size_t k) {
    return image.at(static_cast<int>(s.x[k] * scale + radius + 5), static_cast<int>(s.y[k] * scale + radius + 5));
  };
  EXPECT_EQ(centre(19), kWorkerColors[1]);
  int blue = 0, orange = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      blue += image.at(x, y) == kWorkerColors[0];
      orange += image.at(x, y) == kWorkerColors[1];
    }
  }
  EXPECT_GT(blue, 1000);
  EXPECT_GT(orange, 1000);
}

TEST(HtmlRecorderTest, SamplesEveryKStepsAndTheLast) {
  const Physics ph = Physics::ForCount(3);
  const ParticleSet s = MakeParticles(3, ph);
  HtmlRecorder rec(3, 1, ph.box_size, 25, 10);
  for (std::int64_t step = 0; step <= 25; ++step) rec.Observe(step, 0.5, s);
  EXPECT_EQ(rec.frames(), 4u);  // 0, 10, 20, 25
  const std::string page = rec.Page("a <title>", WorkerLegend(Mode::kThreads, 2));
  EXPECT_NE(page.find("steps: [0,10,20,25]"), std::string::npos);
  EXPECT_NE(page.find(">thread 1</span>"), std::string::npos);
  EXPECT_NE(page.find("a &lt;title&gt;"), std::string::npos);
  EXPECT_EQ(page.find('@'), std::string::npos) << "a placeholder was left in the page";
  // 4 frames x 3 particles x 4 bytes = 48 bytes = 64 base64 characters.
  const std::size_t at = page.find("frames: \"") + 9;
  EXPECT_EQ(page.find('"', at) - at, 64u);
}

// The energy plot holds the energy of every step, written so that it reads
// back as the same double.
TEST(HtmlRecorderTest, PlotsTheEnergyOfEveryStep) {
  const Physics ph = Physics::ForCount(3);
  const ParticleSet s = MakeParticles(3, ph);
  HtmlRecorder rec(3, 1, ph.box_size, 4, 2);
  const double energies[] = {0.1, 1.0 / 3, 2e-300, 12345.678901234567, 0.07021567704180778};
  for (std::int64_t step = 0; step <= 4; ++step) rec.Observe(step, energies[step], s);
  EXPECT_EQ(rec.frames(), 3u);
  EXPECT_EQ(rec.plot_points(), 5u);
  const std::string page = rec.Page("t", WorkerLegend(Mode::kSerial, 1));
  const std::size_t plot = page.find("const plot = {");
  ASSERT_NE(plot, std::string::npos);
  EXPECT_NE(page.find("steps: [0,1,2,3,4]", plot), std::string::npos);
  const std::size_t at = page.find("energies: [", plot) + 11;
  const std::string list = page.substr(at, page.find(']', at) - at);
  std::vector<double> parsed;
  for (std::size_t from = 0; from <= list.size();) {
    std::size_t comma = list.find(',', from);
    if (comma == std::string::npos) comma = list.size();
    parsed.push_back(std::stod(list.substr(from, comma - from)));
    from = comma + 1;
  }
  EXPECT_EQ(parsed, std::vector<double>(std::begin(energies), std::end(energies)));
  EXPECT_NE(page.find(">serial</span>"), std::string::npos);
}

TEST(HtmlRecorderTest, ALongRunPlotsEveryKthStepAndTheLast) {
  const Physics ph = Physics::ForCount(1);
  const ParticleSet s = MakeParticles(1, ph);
  const std::int64_t steps = 10 * HtmlRecorder::kMaxPlotPoints + 3;
  HtmlRecorder rec(1, 1, ph.box_size, steps, 1000);
  for (std::int64_t step = 0; step <= steps; ++step) rec.Observe(step, 1.0, s);
  // Every 11th step (ceil(steps / max)) from 0, then the last.
  EXPECT_EQ(rec.plot_points(), static_cast<std::size_t>(steps / 11 + 1 + 1));
  EXPECT_LE(rec.plot_points(), static_cast<std::size_t>(HtmlRecorder::kMaxPlotPoints) + 2);
}

}  // namespace
}  // namespace sluice::particles
