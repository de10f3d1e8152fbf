// ThreadPool: a fixed set of worker threads running queued tasks in FIFO
// order.
//
// Role: the one place where sluice creates long-lived worker threads. The
// SQL executor runs pipeline morsels on it, the MapReduce runner its map and
// reduce tasks, parallel_for (parallel_for.h) its chunks.
//
// Entry points:
//   submit(f, args...)  -> std::future<R>; R is f's result. An exception
//                          thrown by f is delivered by future.get().
//   schedule(task)      -> Status; fire and forget (no future, no
//                          allocation of shared state); the task must not
//                          throw (see task.h).
//   shutdown(mode)      -> stops the pool; see below. The destructor calls
//                          shutdown(ShutdownMode::kDrain).
//   current(), current_worker_index()
//                       -> which pool / worker the calling thread is.
//
// Shutdown semantics. Once shutdown() has started, the pool accepts nothing
// more, from any thread, including its own workers:
//   kDrain   every task queued before shutdown still runs; then the workers
//            exit and are joined.
//   kCancel  tasks still queued are dropped without running; the tasks
//            already running finish; then the workers are joined.
// A task that never runs — dropped by kCancel, or submitted after shutdown
// began — has its future fail with std::future_error whose code() is
// std::future_errc::broken_promise; schedule() of such a task returns
// Status::Closed and destroys the task. shutdown() may be called several
// times and from several threads; a kCancel issued while a kDrain is in
// progress drops whatever is still queued. Every call returns after all
// workers have exited.
// REQUIRES: shutdown() and the destructor are not called from a task running
// on this pool (a worker cannot join itself); doing so aborts with a message.
//
// ThreadSanitizer note: a task's exception object is shared between the
// worker and the thread calling future.get(), and whichever drops the last
// reference frees it. That is correct (exception_ptr counts references
// atomically), but the count lives in libstdc++.so, which is not
// instrumented, so TSan may report a race on the exception's destruction.
// Tests that inspect a task's exception should first make sure the worker is
// done with the task (e.g. get() a later task on a one-thread pool), or
// suppress "race:std::__future_base".
//
// Thread safety: all methods may be called concurrently from any thread.
// Construction throws std::system_error if the OS refuses to create a thread
// (as std::thread does); that is not an expected failure.
#ifndef SLUICE_PARALLEL_THREAD_POOL_H_
#define SLUICE_PARALLEL_THREAD_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/parallel/mutex.h"
#include "sluice/parallel/task.h"
#include "sluice/parallel/thread_annotations.h"
#include "sluice/status.h"

namespace sluice::parallel {

enum class ShutdownMode {
  kDrain,   // run everything already queued, then stop
  kCancel,  // drop everything queued, wait for the running tasks, then stop
};

class ThreadPool {
 public:
  // num_threads == 0: std::thread::hardware_concurrency(), at least 1.
  explicit ThreadPool(std::size_t num_threads = 0);

  // shutdown(ShutdownMode::kDrain).
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues f(args...) and returns a future for its result. f and args are
  // decay-copied (moved when given rvalues), as by std::thread.
  // After shutdown started, nothing is queued and the future fails with
  // std::future_errc::broken_promise.
  template <typename F, typename... Args>
  std::future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> submit(F&& f, Args&&... args)
      EXCLUDES(mu_) {
    using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;
    std::packaged_task<R()> task([fn = std::forward<F>(f), ... bound = std::forward<Args>(args)]() mutable -> R {
      return std::invoke(std::move(fn), std::move(bound)...);
    });
    std::future<R> future = task.get_future();
    // If refused, the task dies unrun in schedule()'s parameter and the
    // future reports broken_promise: exactly the documented outcome.
    static_cast<void>(schedule(Task(std::move(task))));
    return future;
  }

  // Queues `task` without a future. Returns Closed (and destroys the task
  // unrun) once shutdown has started.
  // REQUIRES: `task` is not empty and does not throw.
  Status schedule(Task task) EXCLUDES(mu_);

  // Stops the pool; see the file comment. Idempotent.
  void shutdown(ShutdownMode mode = ShutdownMode::kDrain) EXCLUDES(mu_, join_mu_);

  // Number of worker threads (fixed at construction).
  std::size_t size() const { return num_threads_; }

  // Tasks queued but not started (a snapshot).
  std::size_t queued() const EXCLUDES(mu_);

  // True once shutdown() has been called.
  bool is_shut_down() const EXCLUDES(mu_);

  // True if the calling thread is one of this pool's workers.
  bool is_worker_thread() const;

  // The pool whose worker is the calling thread, or nullptr.
  static ThreadPool* current();

  // The calling worker's index in [0, current()->size()), or nullopt off the
  // pool. For per-worker state without locks (the executor's thread-local
  // aggregation state): slots [0, size()) for workers plus one for the
  // thread that calls parallel_for.
  static std::optional<std::size_t> current_worker_index();

 private:
  void WorkerLoop(std::size_t index) EXCLUDES(mu_);

  const std::size_t num_threads_;

  mutable Mutex mu_ ACQUIRED_AFTER(join_mu_);
  CondVar work_available_;  // signalled on schedule and on shutdown
  std::deque<Task> queue_ GUARDED_BY(mu_);
  bool accepting_ GUARDED_BY(mu_) = true;

  // Serializes the joining of the workers between concurrent shutdown()s.
  Mutex join_mu_;
  std::vector<std::thread> workers_ GUARDED_BY(join_mu_);
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_THREAD_POOL_H_
