// CellGrid: particles binned into square cells at least `cutoff` wide, so
// the force on a particle needs only the 3 x 3 cells around it (CS267's
// O(n) algorithm; the force is zero beyond the cutoff).
//
// Layout: a counting sort by cell, rows of cells left to right, rows
// bottom to top; within a cell particles keep index order (the sort is
// stable). Copies of x and y sit in cell order, so the three
// cells of one neighbour row are ONE contiguous run of sources
// [start[c-1], start[c+2]) and the kernel reads them sequentially.
//
// Summation order for a target: row below, own row, row above; within a row
// by cell then index. It depends only on the positions, never on how the
// work is split, so cells results are bitwise identical for every mode and
// worker count. Against the naive all-pairs order they differ only by the
// order of the additions.
//
// Cell side: size / floor(size / (cutoff (1 + 1e-9))) >= cutoff, so rounding
// in the cell index can never put two particles within the cutoff more than
// one cell apart.
#ifndef SLUICE_PARTICLES_CELL_GRID_H_
#define SLUICE_PARTICLES_CELL_GRID_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "particles/particle_set.h"
#include "particles/physics.h"

namespace sluice::particles {

class CellGrid {
 public:
  explicit CellGrid(const Physics& ph);

  // The cell of a position in the box (clamped to the grid).
  std::uint32_t CellOf(double x, double y) const;

  // Bins all particles. cell_of[k] must be CellOf(x[k], y[k]) (computed by
  // whoever moved particle k, so threads can share that work).
  void Build(const ParticleSet& s, const std::vector<std::uint32_t>& cell_of);

  // Build() in two phases that `parts` workers run in parallel, each on
  // the cell rows BlockOf(rows, parts, part): every part must finish
  // BuildCount before any part starts BuildScatter (a barrier). Each part
  // reads all of cell_of but writes only its own rows' cells and slots, so
  // the result is exactly Build()'s. REQUIRES: Prepare(n, parts) first.
  void Prepare(std::size_t n, std::size_t parts);
  void BuildCount(const std::vector<std::uint32_t>& cell_of, std::size_t part);
  void BuildScatter(const ParticleSet& s, const std::vector<std::uint32_t>& cell_of, std::size_t part);

  // Computes from scratch (ax, ay reset) the forces on the sorted particles
  // [begin, end) and writes them to a[original index]. Disjoint sorted
  // ranges write disjoint particles, so workers may run ranges in parallel.
  //
  // Scalar on purpose: feeding chunks of targets with the union of their
  // neighbour runs to the AVX2 kernel gives the same bits but measured
  // 0.5-0.8x the speed (git log of this file): a run holds ~0.6 particles.
  void ComputeForces(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const;

  // The same for particles [indices.begin, indices.end) by index (the
  // processes mode: each process its own block).
  void ComputeForcesOfParticles(const Physics& ph, std::size_t begin, std::size_t end, ParticleSet& s) const;

  std::size_t cells_per_side() const { return side_; }
  std::size_t size() const { return sorted_.size(); }

 private:
  double inv_cell_ = 0;
  std::size_t side_ = 1;
  std::size_t parts_ = 1;
  std::vector<std::uint32_t> start_;     // side_^2 + 1 entries: cell c is [start_[c], start_[c+1])
  std::vector<std::uint32_t> cursor_;    // per cell: its count, then the next free slot
  std::vector<std::size_t> part_total_;  // particles in each part's rows
  // Forces on the particle in `slot`, summed from 0 in the documented order.
  void ForceAt(const Physics& ph, std::size_t slot, double& ax, double& ay) const;

  // One slot of the cell-sorted order. One struct (not four arrays) so the
  // scatter, whose slots are random, touches one cache line per particle.
  struct Entry {
    double x, y;
    std::uint32_t index;  // the particle's index in the ParticleSet
    std::uint32_t cell;
  };
  std::vector<Entry> sorted_;
  std::vector<std::uint32_t> slot_of_;  // inverse of sorted_[.].index
};

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_CELL_GRID_H_
