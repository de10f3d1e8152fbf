// Pictures of the simulation: an RGB raster, a minimal PNG encoder, and the
// final state drawn the way the chapter's visualisation draws it.
//
// PNG: signature, IHDR (8-bit RGB, no interlace), one IDAT holding the
// zlib-compressed scanlines (filter byte 0 each), IEND; CRCs by zlib's
// crc32. zlib is the one new dependency (Debian zlib1g-dev): the PNG format
// mandates deflate, and writing a deflate encoder is not our product.
#ifndef SLUICE_PARTICLES_PNG_WRITER_H_
#define SLUICE_PARTICLES_PNG_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "particles/particle_set.h"

namespace sluice::particles {

struct Rgb {
  std::uint8_t r, g, b;
  bool operator==(const Rgb&) const = default;
};

// The chapter's worker colours: blue, orange, red, green, brown, purple,
// cyan, black (Tk's named colours), worker w gets kWorkerColors[w % 8].
inline constexpr Rgb kWorkerColors[8] = {{0, 0, 255},   {255, 165, 0},  {255, 0, 0},   {0, 255, 0},
                                         {165, 42, 42}, {160, 32, 240}, {0, 255, 255}, {0, 0, 0}};

class Image {
 public:
  Image(int width, int height, Rgb background);
  int width() const { return width_; }
  int height() const { return height_; }
  Rgb at(int x, int y) const;
  // A filled disc; parts outside the image are clipped.
  void DrawDisc(double cx, double cy, double radius, Rgb color);
  // A filled w x h rectangle with its top-left corner at (x, y); clipped.
  void FillRect(int x, int y, int w, int h, Rgb color);
  // Copies `other` with its top-left corner at (x, y); clipped.
  void Paste(const Image& other, int x, int y);
  const std::vector<std::uint8_t>& rgb() const { return rgb_; }

 private:
  int width_, height_;
  std::vector<std::uint8_t> rgb_;  // row-major, 3 bytes per pixel
};

// The PNG file's bytes.
std::vector<std::uint8_t> EncodePng(const Image& image);

// The chapter's picture of a state: a 600-pixel box plus margins, each
// particle a disc of radius ceil(sqrt(10000 / n)) (at least 1) coloured by
// the worker owning it (`workers` contiguous blocks).
Image DrawParticles(const ParticleSet& s, double box_size, std::size_t workers);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PNG_WRITER_H_
