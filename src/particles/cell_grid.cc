// See cell_grid.h.
#include "particles/cell_grid.h"

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
  // NaN compares false and lands in cell 0: a blown-up run stops anyway.
  const double cx = std::clamp(std::floor(x * inv_cell_), 0.0, last);
  const double cy = std::clamp(std::floor(y * inv_cell_), 0.0, last);
  return static_cast<std::uint32_t>(static_cast<std::size_t>(cy) * side_ + static_cast<std::size_t>(cx));
}

void CellGrid::Build(const ParticleSet& s, const std::vector<std::uint32_t>& cell_of) {
  const std::size_t n = s.size();
  std::fill(start_.begin(), start_.end(), 0);
  for (std::size_t k = 0; k < n; ++k) ++start_[cell_of[k] + 1];
  for (std::size_t c = 1; c < start_.size(); ++c) start_[c] += start_[c - 1];
  sorted_index_.resize(n);
  slot_of_.resize(n);
  sorted_x_.resize(n);
  sorted_y_.resize(n);
  // start_[c] is used as the fill cursor of cell c, then restored by shifting.
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t slot = start_[cell_of[k]]++;
    sorted_index_[slot] = static_cast<std::uint32_t>(k);
    slot_of_[k] = slot;
    sorted_x_[slot] = s.x[k];
    sorted_y_[slot] = s.y[k];
  }
  for (std::size_t c = start_.size() - 1; c > 0; --c) start_[c] = start_[c - 1];
  start_[0] = 0;
}

void CellGrid::ForceAt(const Physics& ph, std::size_t slot, double& ax, double& ay) const {
  const std::size_t side = side_;
  const double px = sorted_x_[slot];
  const double py = sorted_y_[slot];
  const std::uint32_t cell = CellOf(px, py);
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
    for (std::uint32_t j = from; j < to; ++j) ApplyForce(ph, px, py, sorted_x_[j], sorted_y_[j], ax, ay);
  }
}

void CellGrid::ComputeForces(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const {
  for (std::size_t slot = begin; slot < end; ++slot) {
    const std::uint32_t k = sorted_index_[slot];
    ForceAt(ph, slot, s.ax[k], s.ay[k]);
  }
}

void CellGrid::ComputeForcesOfParticles(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const {
  for (std::size_t k = begin; k < end; ++k) ForceAt(ph, slot_of_[k], s.ax[k], s.ay[k]);
}

}  // namespace sluice::particles
