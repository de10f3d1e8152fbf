// parallel_for / parallel_for_chunks: run a function over an index range on
// a ThreadPool, in contiguous chunks.
//
// Role: data parallelism over something indexable — morsels of a table scan,
// input splits of a MapReduce job, rows of a matrix.
//
//   parallel_for(pool, 0, n, [&](std::size_t i) { out[i] = f(in[i]); });
//   parallel_for_chunks(pool, 0, n, [&](std::size_t lo, std::size_t hi) {
//     Partial p; for (auto i = lo; i < hi; ++i) p.Add(in[i]); Combine(p);
//   });
//
// Algorithm (work claiming). [begin, end) is cut into chunks of `chunk_size`
// indices (0 = automatic: about 4 chunks per participating thread). The
// calling thread queues up to pool.size() helper tasks and then claims and
// runs chunks itself, as the helpers do, from a shared atomic cursor. When
// the cursor runs past the end, the caller waits only for chunks that other
// threads have already started. Consequences:
//   * No deadlock when called from inside a pool task (nested parallel_for,
//     a task that fans out): the caller never waits for a chunk nobody runs.
//     With every worker busy the caller simply runs all chunks inline.
//   * Works on a pool that is shut down (the caller runs every chunk) and on
//     a pool shut down with kCancel meanwhile (dropped helpers are harmless).
//   * Helpers that start after the loop finished find nothing to do and exit.
//
// Each index in [begin, end) is passed to fn exactly once, unless a call
// throws: then no further chunks are started, the chunks already running
// finish, and the first exception thrown is rethrown to the caller. Chunks
// are contiguous and ordered within themselves; their order relative to
// each other is unspecified. Everything fn did happens-before the return.
// An empty range (begin >= end) does nothing.
//
// Thread safety: fn is called concurrently from several threads.
#ifndef SLUICE_PARALLEL_PARALLEL_FOR_H_
#define SLUICE_PARALLEL_PARALLEL_FOR_H_

#include <cstddef>
#include <functional>
#include <utility>

#include "sluice/parallel/thread_pool.h"

namespace sluice::parallel {

// Calls fn(lo, hi) for consecutive chunks [lo, hi) covering [begin, end).
void parallel_for_chunks(ThreadPool& pool, std::size_t begin, std::size_t end,
                         const std::function<void(std::size_t lo, std::size_t hi)>& fn, std::size_t chunk_size = 0);

// Calls fn(i) for every i in [begin, end).
template <typename Fn>
void parallel_for(ThreadPool& pool, std::size_t begin, std::size_t end, Fn&& fn, std::size_t chunk_size = 0) {
  parallel_for_chunks(
      pool, begin, end,
      [&fn](std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) fn(i);
      },
      chunk_size);
}

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_PARALLEL_FOR_H_
