// parallel_for_chunks: work claiming over a shared atomic chunk cursor; see
// sluice/parallel/parallel_for.h for the contract and why it cannot
// deadlock when nested.
//
// Shared state lives in a shared_ptr owned jointly by the caller and every
// helper task, because helpers may start (and must find the cursor
// exhausted) after the caller has returned. `fn` is referenced, not owned:
// it is only touched for a claimed chunk < num_chunks, and the caller does
// not return before every claimed chunk has finished.
#include "sluice/parallel/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <utility>

#include "sluice/parallel/mutex.h"

namespace sluice::parallel {

namespace {

class ChunkLoop {
 public:
  ChunkLoop(std::size_t begin, std::size_t end, std::size_t chunk_size,
            const std::function<void(std::size_t, std::size_t)>* fn)
      : begin_(begin),
        end_(end),
        chunk_size_(chunk_size),
        num_chunks_((end - begin) / chunk_size + ((end - begin) % chunk_size != 0 ? 1 : 0)),
        fn_(fn) {}

  // Claims and runs chunks until none is left. Called by the caller and by
  // every helper.
  void RunChunks() EXCLUDES(mu_) {
    for (;;) {
      const std::size_t chunk = next_chunk_.fetch_add(1, std::memory_order_relaxed);
      if (chunk >= num_chunks_) return;
      if (!failed_.load(std::memory_order_relaxed)) {
        const std::size_t lo = begin_ + chunk * chunk_size_;
        const std::size_t hi = lo + std::min(chunk_size_, end_ - lo);  // no overflow near SIZE_MAX
        try {
          (*fn_)(lo, hi);
        } catch (...) {
          MutexLock lock(mu_);
          if (!error_) error_ = std::current_exception();
          failed_.store(true, std::memory_order_relaxed);
        }
      }
      // acq_rel: the last finisher sees every chunk's effects and publishes
      // them through mu_ to the waiting caller.
      if (finished_.fetch_add(1, std::memory_order_acq_rel) + 1 == num_chunks_) {
        MutexLock lock(mu_);
        all_finished_ = true;
        done_.notify_all();
      }
    }
  }

  // Blocks until every chunk has finished; rethrows the first exception.
  void WaitAndRethrow() EXCLUDES(mu_) {
    std::exception_ptr error;
    {
      MutexLock lock(mu_);
      while (!all_finished_) done_.wait(mu_);
      // Take the exception out of the shared state, so that a late helper
      // dropping the last reference to the state does not free the exception
      // object on another thread while the caller still uses it (correct, as
      // exception_ptr counts references atomically, but that count lives in
      // uninstrumented libstdc++ and ThreadSanitizer would report a race).
      error = std::exchange(error_, nullptr);
    }
    if (error) std::rethrow_exception(error);
  }

  std::size_t num_chunks() const { return num_chunks_; }

 private:
  const std::size_t begin_, end_, chunk_size_, num_chunks_;
  const std::function<void(std::size_t, std::size_t)>* const fn_;
  std::atomic<std::size_t> next_chunk_{0};
  std::atomic<std::size_t> finished_{0};  // chunks run or skipped
  std::atomic<bool> failed_{false};       // stop starting chunks

  Mutex mu_;
  CondVar done_;
  bool all_finished_ GUARDED_BY(mu_) = false;
  std::exception_ptr error_ GUARDED_BY(mu_);
};

}  // namespace

void parallel_for_chunks(ThreadPool& pool, std::size_t begin, std::size_t end,
                         const std::function<void(std::size_t lo, std::size_t hi)>& fn, std::size_t chunk_size) {
  if (begin >= end) return;
  const std::size_t n = end - begin;
  // The caller takes part, so up to size() + 1 threads run chunks (size()
  // when the caller is itself one of the workers).
  const std::size_t participants = pool.size() + (pool.is_worker_thread() ? 0 : 1);
  if (chunk_size == 0) {
    const std::size_t target_chunks = 4 * participants;
    chunk_size = std::max<std::size_t>(1, n / target_chunks + (n % target_chunks != 0 ? 1 : 0));
  }
  auto loop = std::make_shared<ChunkLoop>(begin, end, chunk_size, &fn);
  if (loop->num_chunks() == 1) {
    fn(begin, end);  // nothing to share: skip the pool round trip
    return;
  }
  const std::size_t helpers = std::min(participants - 1, loop->num_chunks() - 1);
  for (std::size_t i = 0; i < helpers; ++i) {
    // Refused after shutdown: fine, the caller then runs every chunk.
    if (!pool.schedule([loop] { loop->RunChunks(); }).ok()) break;
  }
  loop->RunChunks();
  loop->WaitAndRethrow();
}

}  // namespace sluice::parallel
