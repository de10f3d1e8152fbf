// ThreadPool: workers popping Tasks from one Mutex-guarded deque; see
// sluice/parallel/thread_pool.h for the contract.
//
// Design: a single FIFO queue under one lock. Work stealing with per-worker
// deques would scale better for tiny tasks, but sluice's tasks are coarse
// (morsels of ~100K rows, MapReduce splits, parallel_for chunks), so the lock
// is taken a few thousand times per second at most, and one queue keeps
// drain/cancel trivially correct.
#include "sluice/parallel/thread_pool.h"

#include <cstdio>
#include <cstdlib>

namespace sluice::parallel {

namespace {

// The pool whose worker the current thread is (nullptr elsewhere), and the
// worker's index in it.
thread_local ThreadPool* t_current_pool = nullptr;
thread_local std::size_t t_worker_index = 0;

std::size_t DefaultThreads(std::size_t requested) {
  if (requested != 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

}  // namespace

ThreadPool::ThreadPool(std::size_t num_threads) : num_threads_(DefaultThreads(num_threads)) {
  MutexLock lock(join_mu_);
  workers_.reserve(num_threads_);
  try {
    for (std::size_t i = 0; i < num_threads_; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
  } catch (...) {
    // No destructor runs for a half-built object: stop the workers we got,
    // or their std::thread destructors would terminate the process.
    {
      MutexLock queue_lock(mu_);
      accepting_ = false;
    }
    work_available_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    throw;
  }
}

ThreadPool::~ThreadPool() { shutdown(ShutdownMode::kDrain); }

Status ThreadPool::schedule(Task task) {
  {
    MutexLock lock(mu_);
    if (!accepting_) return Status::Closed("thread pool is shut down");
    queue_.push_back(std::move(task));
  }
  work_available_.notify_one();
  return Status::OK();
}

void ThreadPool::shutdown(ShutdownMode mode) {
  if (is_worker_thread()) {
    std::fprintf(stderr, "sluice: ThreadPool::shutdown() called from one of its own workers (would self-join)\n");
    std::abort();
  }
  std::deque<Task> dropped;
  {
    MutexLock lock(mu_);
    accepting_ = false;
    if (mode == ShutdownMode::kCancel) dropped.swap(queue_);
  }
  work_available_.notify_all();
  // Destroy dropped tasks outside the lock: their destructors run user code
  // (e.g. packaged_task setting broken_promise, captured objects' destructors).
  dropped.clear();

  MutexLock lock(join_mu_);
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
}

std::size_t ThreadPool::queued() const {
  MutexLock lock(mu_);
  return queue_.size();
}

bool ThreadPool::is_shut_down() const {
  MutexLock lock(mu_);
  return !accepting_;
}

bool ThreadPool::is_worker_thread() const { return t_current_pool == this; }

ThreadPool* ThreadPool::current() { return t_current_pool; }

std::optional<std::size_t> ThreadPool::current_worker_index() {
  if (t_current_pool == nullptr) return std::nullopt;
  return t_worker_index;
}

void ThreadPool::WorkerLoop(std::size_t index) {
  t_current_pool = this;
  t_worker_index = index;
  for (;;) {
    Task task;
    {
      MutexLock lock(mu_);
      while (queue_.empty() && accepting_) work_available_.wait(mu_);
      // Shut down and nothing left (drained, or dropped by kCancel).
      if (queue_.empty()) break;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
  t_current_pool = nullptr;
}

}  // namespace sluice::parallel
