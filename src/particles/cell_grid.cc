// See cell_grid.h.
#include "particles/cell_grid.h"

#include "particles/blocks.h"

#include <algorithm>
#include <cmath>

namespace sluice::particles {

CellGrid::CellGrid(const Physics& ph) {
  const double cells = std::floor(ph.box_size / (ph.cutoff * (1 + 1e-9)));
  side_ = cells < 1 ? 1 : static_cast<std::size_t>(cells);
  inv_cell_ = static_cast<double>(side_) / ph.box_size;
  start_.assign(side_ * side_ + 1, 0);
}

std::uint32_t CellGrid::CellOf(double x, double y) const {
  const double last = static_cast<double>(side_ - 1);
  // Written so that NaN lands in cell 0 (a blown-up run stops anyway)
  // instead of reaching the integer conversion.
  auto index = [&](double v) {
    const double c = std::floor(v * inv_cell_);
    return c >= 0 ? static_cast<std::size_t>(c <= last ? c : last) : std::size_t{0};
  };
  return static_cast<std::uint32_t>(index(y) * side_ + index(x));
}

void CellGrid::Prepare(std::size_t n, std::size_t parts) {
  parts_ = parts;
  part_total_.assign(parts, 0);
  cursor_.resize(side_ * side_);
  sorted_.resize(n);
  slot_of_.resize(n);
}

void CellGrid::Build(const ParticleSet& s, const std::vector<std::uint32_t>& cell_of) {
  if (parts_ != 1 || sorted_.size() != s.size()) Prepare(s.size(), 1);
  BuildCount(cell_of, 0);
  BuildScatter(s, cell_of, 0);
}

void CellGrid::BuildCount(const std::vector<std::uint32_t>& cell_of, std::size_t part) {
  const Block rows = BlockOf(side_, parts_, part);
  const std::uint32_t lo = static_cast<std::uint32_t>(rows.begin * side_);
  const std::uint32_t hi = static_cast<std::uint32_t>(rows.end * side_);
  std::fill(cursor_.begin() + lo, cursor_.begin() + hi, 0);
  std::size_t total = 0;
  for (std::uint32_t c : cell_of) {
    if (c >= lo && c < hi) {
      ++cursor_[c];
      ++total;
    }
  }
  part_total_[part] = total;
}

void CellGrid::BuildScatter(const ParticleSet& s, const std::vector<std::uint32_t>& cell_of, std::size_t part) {
  const Block rows = BlockOf(side_, parts_, part);
  const std::uint32_t lo = static_cast<std::uint32_t>(rows.begin * side_);
  const std::uint32_t hi = static_cast<std::uint32_t>(rows.end * side_);
  std::size_t running = 0;
  for (std::size_t p = 0; p < part; ++p) running += part_total_[p];
  for (std::uint32_t c = lo; c < hi; ++c) {
    const std::uint32_t count = cursor_[c];
    start_[c] = static_cast<std::uint32_t>(running);
    cursor_[c] = static_cast<std::uint32_t>(running);
    running += count;
  }
  if (part + 1 == parts_) start_[side_ * side_] = static_cast<std::uint32_t>(running);
  const std::size_t n = cell_of.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t c = cell_of[k];
    if (c < lo || c >= hi) continue;
    const std::uint32_t slot = cursor_[c]++;
    sorted_[slot] = Entry{s.x[k], s.y[k], static_cast<std::uint32_t>(k), c};
    slot_of_[k] = slot;
  }
}

void CellGrid::ForceAt(const Physics& ph, std::size_t slot, double& ax, double& ay) const {
  const std::size_t side = side_;
  const double px = sorted_[slot].x;
  const double py = sorted_[slot].y;
  const std::uint32_t cell = sorted_[slot].cell;
  const std::size_t cx = cell % side;
  const std::size_t cy = cell / side;
  const std::size_t x_lo = cx > 0 ? cx - 1 : 0;
  const std::size_t x_hi = cx + 1 < side ? cx + 1 : cx;
  const std::size_t y_lo = cy > 0 ? cy - 1 : 0;
  const std::size_t y_hi = cy + 1 < side ? cy + 1 : cy;
  ax = 0;
  ay = 0;
  for (std::size_t row = y_lo; row <= y_hi; ++row) {
    const std::uint32_t from = start_[row * side + x_lo];
    const std::uint32_t to = start_[row * side + x_hi + 1];
    for (std::uint32_t j = from; j < to; ++j) ApplyForce(ph, px, py, sorted_[j].x, sorted_[j].y, ax, ay);
  }
}

void CellGrid::ComputeForces(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const {
  for (std::size_t slot = begin; slot < end; ++slot) {
    const std::uint32_t k = sorted_[slot].index;
    ForceAt(ph, slot, s.ax[k], s.ay[k]);
  }
}

void CellGrid::ComputeForcesOfParticles(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const {
  for (std::size_t k = begin; k < end; ++k) ForceAt(ph, slot_of_[k], s.ax[k], s.ay[k]);
}

}  // namespace sluice::particles
