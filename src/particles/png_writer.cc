// See png_writer.h.
#include "particles/png_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>

#include "particles/blocks.h"

namespace sluice::particles {

Image::Image(int width, int height, Rgb background)
    : width_(width), height_(height), rgb_(static_cast<std::size_t>(width) * height * 3) {
  for (std::size_t i = 0; i < rgb_.size(); i += 3) {
    rgb_[i] = background.r;
    rgb_[i + 1] = background.g;
    rgb_[i + 2] = background.b;
  }
}

Rgb Image::at(int x, int y) const {
  const std::size_t i = (static_cast<std::size_t>(y) * width_ + x) * 3;
  return {rgb_[i], rgb_[i + 1], rgb_[i + 2]};
}

void Image::DrawDisc(double cx, double cy, double radius, Rgb color) {
  if (!std::isfinite(cx) || !std::isfinite(cy)) return;
  const int x0 = std::max(0, static_cast<int>(std::floor(cx - radius)));
  const int x1 = std::min(width_ - 1, static_cast<int>(std::ceil(cx + radius)));
  const int y0 = std::max(0, static_cast<int>(std::floor(cy - radius)));
  const int y1 = std::min(height_ - 1, static_cast<int>(std::ceil(cy + radius)));
  const double r2 = radius * radius;
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      if (dx * dx + dy * dy > r2 && !(x == static_cast<int>(cx) && y == static_cast<int>(cy))) continue;
      const std::size_t i = (static_cast<std::size_t>(y) * width_ + x) * 3;
      rgb_[i] = color.r;
      rgb_[i + 1] = color.g;
      rgb_[i + 2] = color.b;
    }
  }
}

void Image::FillRect(int x, int y, int w, int h, Rgb color) {
  const int x0 = std::max(0, x), x1 = std::min(width_, x + w);
  const int y0 = std::max(0, y), y1 = std::min(height_, y + h);
  for (int yy = y0; yy < y1; ++yy) {
    for (int xx = x0; xx < x1; ++xx) {
      const std::size_t i = (static_cast<std::size_t>(yy) * width_ + xx) * 3;
      rgb_[i] = color.r;
      rgb_[i + 1] = color.g;
      rgb_[i + 2] = color.b;
    }
  }
}

void Image::Paste(const Image& other, int x, int y) {
  const int x0 = std::max(0, x), x1 = std::min(width_, x + other.width_);
  if (x0 >= x1) return;
  for (int yy = std::max(0, y); yy < std::min(height_, y + other.height_); ++yy) {
    const std::size_t from = (static_cast<std::size_t>(yy - y) * other.width_ + (x0 - x)) * 3;
    const std::size_t to = (static_cast<std::size_t>(yy) * width_ + x0) * 3;
    std::copy(other.rgb_.begin() + from, other.rgb_.begin() + from + (x1 - x0) * 3, rgb_.begin() + to);
  }
}

namespace {

void PutU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void PutChunk(std::vector<std::uint8_t>& out, const char type[4], const std::vector<std::uint8_t>& data) {
  PutU32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t type_at = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, out.data() + type_at, static_cast<uInt>(4 + data.size()));
  PutU32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::vector<std::uint8_t> EncodePng(const Image& image) {
  static const std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<std::uint8_t> out(kSignature, kSignature + 8);

  std::vector<std::uint8_t> ihdr;
  PutU32(ihdr, static_cast<std::uint32_t>(image.width()));
  PutU32(ihdr, static_cast<std::uint32_t>(image.height()));
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // depth 8, RGB, deflate, filter 0, no interlace
  PutChunk(out, "IHDR", ihdr);

  const std::size_t row = static_cast<std::size_t>(image.width()) * 3;
  std::vector<std::uint8_t> raw;
  raw.reserve((row + 1) * image.height());
  for (int y = 0; y < image.height(); ++y) {
    raw.push_back(0);  // filter: none
    const auto* p = image.rgb().data() + y * row;
    raw.insert(raw.end(), p, p + row);
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<std::uint8_t> packed(packed_size);
  // Cannot fail: the buffer has compressBound() bytes and the level is valid.
  compress2(packed.data(), &packed_size, raw.data(), static_cast<uLong>(raw.size()), Z_BEST_SPEED);
  packed.resize(packed_size);
  PutChunk(out, "IDAT", packed);
  PutChunk(out, "IEND", {});
  return out;
}

Image DrawParticles(const ParticleSet& s, double box_size, std::size_t workers) {
  constexpr int kBox = 600;
  const std::size_t n = s.size();
  const int radius = std::max(1, static_cast<int>(std::ceil(std::sqrt(10000.0 / static_cast<double>(n ? n : 1)))));
  const int side = kBox + 2 * radius + 5;
  Image image(side, side, Rgb{255, 255, 255});
  const double scale = kBox / box_size;
  for (std::size_t k = 0; k < n; ++k) {
    const Rgb color = kWorkerColors[OwnerOf(n, workers, k) % 8];
    // The chapter's Circle(Point(x * scale + rad + 5, y * scale + rad + 5), rad).
    image.DrawDisc(s.x[k] * scale + radius + 5, s.y[k] * scale + radius + 5, radius, color);
  }
  return image;
}

}  // namespace sluice::particles
