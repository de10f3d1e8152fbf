// SyncQueue<T>: a synchronized FIFO queue, optionally bounded, with close()
// for end-of-stream and Python-style task_done()/join() (chapter 4.8,
// "synchronized data structures").
//
// Role: the hand-off point between threads: producer/consumer pipelines, the
// crawler's URL frontier, batches between stages of an executor. Exchange
// batches (e.g. SyncQueue<std::vector<Row>>), not single rows, when
// throughput matters: every put/get takes the one lock.
//
// Life cycle:
//   put/try_put/put_for  add items; a bounded queue (capacity > 0) makes put
//                        block while it holds `capacity` items.
//   get/try_get/get_for  remove items in FIFO order.
//   close()              no more puts; blocked putters fail with Closed,
//                        getters drain what is left and then see "end".
//   task_done()/join()   as Python's queue.Queue: every successful put adds
//                        one unfinished task, task_done() retires one, join()
//                        waits until none is left.
//
// Results. Three outcomes must be told apart by a consumer, and are:
//   an item              get(): a T;   try_get/get_for: Result holding a T
//   end of stream        get(): nullopt; try_get/get_for: Result holding nullopt
//                        (closed AND drained; final: nothing can follow)
//   nothing yet          try_get/get_for only: Status TimedOut (try_get is
//                        get_for with a zero timeout)
// Putters: OK, Closed (queue closed; the item is NOT consumed, the caller
// still owns it), or TimedOut (try_put/put_for: still full at the deadline).
//
// Thread safety: every method may be called concurrently from any number of
// threads. The queue must outlive all calls on it (destroy it only after the
// threads using it are joined).
//
// Requirements on T: move-constructible (move-only types work: put takes an
// rvalue). Copyable T can also be put by const reference.
#ifndef SLUICE_PARALLEL_SYNC_QUEUE_H_
#define SLUICE_PARALLEL_SYNC_QUEUE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <type_traits>
#include <utility>

#include "sluice/parallel/mutex.h"
#include "sluice/parallel/thread_annotations.h"
#include "sluice/result.h"
#include "sluice/status.h"

namespace sluice::parallel {

template <typename T>
class SyncQueue {
  static_assert(std::is_move_constructible_v<T>, "SyncQueue<T> needs a move-constructible T");

 public:
  // capacity == 0: unbounded (put never blocks).
  explicit SyncQueue(std::size_t capacity = 0) : capacity_(capacity) {}

  SyncQueue(const SyncQueue&) = delete;
  SyncQueue& operator=(const SyncQueue&) = delete;

  // Appends `item`, blocking while a bounded queue is full.
  // Returns OK, or Closed if the queue is (or becomes, while waiting) closed;
  // on failure `item` has not been moved from.
  Status put(T&& item) EXCLUDES(mu_) { return PutUntil(item, Forever()); }
  Status put(const T& item) EXCLUDES(mu_) {
    T copy(item);
    return put(std::move(copy));
  }

  // put() that never blocks: TimedOut("queue full") when full.
  Status try_put(T&& item) EXCLUDES(mu_) { return PutUntil(item, Now()); }
  Status try_put(const T& item) EXCLUDES(mu_) {
    T copy(item);
    return try_put(std::move(copy));
  }

  // put() that waits at most `timeout` for room: TimedOut("queue full").
  template <typename Rep, typename Period>
  Status put_for(T&& item, std::chrono::duration<Rep, Period> timeout) EXCLUDES(mu_) {
    return PutUntil(item, deadline_after(timeout));
  }

  // Removes and returns the oldest item, blocking while the queue is empty
  // and open. nullopt means end of stream: closed and drained.
  //   while (std::optional<T> item = queue.get()) Use(*item);
  std::optional<T> get() EXCLUDES(mu_) {
    Result<std::optional<T>> r = GetUntil(Forever());
    // With no deadline, GetUntil cannot time out.
    return std::move(r).value();
  }

  // get() that never blocks: an item, nullopt (end of stream), or
  // TimedOut("queue empty") if the queue is empty but still open.
  Result<std::optional<T>> try_get() EXCLUDES(mu_) { return GetUntil(Now()); }

  // get() that waits at most `timeout`: an item, nullopt (end of stream), or
  // TimedOut("queue empty").
  template <typename Rep, typename Period>
  Result<std::optional<T>> get_for(std::chrono::duration<Rep, Period> timeout) EXCLUDES(mu_) {
    return GetUntil(deadline_after(timeout));
  }

  // Forbids further puts and wakes every blocked putter (they fail with
  // Closed) and getter (they drain, then see end of stream). Idempotent.
  void close() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // Marks one item previously returned by a get as processed.
  // Returns InvalidArgument (and changes nothing) when called more times
  // than items were put, which is a bug in the caller.
  Status task_done() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    if (unfinished_ == 0) {
      return Status::InvalidArgument("SyncQueue::task_done() called more times than items were put");
    }
    if (--unfinished_ == 0) all_done_.notify_all();
    return Status::OK();
  }

  // Blocks until every item ever put has been matched by a task_done().
  // Independent of close(): a closed queue still waits for its stragglers.
  void join() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    while (unfinished_ != 0) all_done_.wait(mu_);
  }

  // join() that gives up after `timeout`; returns true if all tasks are done.
  template <typename Rep, typename Period>
  bool join_for(std::chrono::duration<Rep, Period> timeout) EXCLUDES(mu_) {
    const auto deadline = deadline_after(timeout);
    MutexLock lock(mu_);
    while (unfinished_ != 0) {
      if (!all_done_.wait_until(mu_, deadline) && unfinished_ != 0) return false;
    }
    return true;
  }

  // Snapshots; they may be stale by the time the caller looks at them.
  std::size_t size() const EXCLUDES(mu_) {
    MutexLock lock(mu_);
    return items_.size();
  }
  bool empty() const EXCLUDES(mu_) { return size() == 0; }
  bool closed() const EXCLUDES(mu_) {
    MutexLock lock(mu_);
    return closed_;
  }
  std::uint64_t unfinished_tasks() const EXCLUDES(mu_) {
    MutexLock lock(mu_);
    return unfinished_;
  }
  // 0 for an unbounded queue.
  std::size_t capacity() const { return capacity_; }

 private:
  using Clock = std::chrono::steady_clock;
  static Clock::time_point Forever() { return Clock::time_point::max(); }
  static Clock::time_point Now() { return Clock::time_point::min(); }

  bool FullLocked() const REQUIRES(mu_) { return capacity_ != 0 && items_.size() >= capacity_; }

  // Moves from `item` only on success.
  Status PutUntil(T& item, Clock::time_point deadline) EXCLUDES(mu_) {
    {
      MutexLock lock(mu_);
      while (!closed_ && FullLocked()) {
        if (deadline == Now()) return Status::TimedOut("queue full");
        if (deadline == Forever()) {
          not_full_.wait(mu_);
        } else if (!not_full_.wait_until(mu_, deadline) && !closed_ && FullLocked()) {
          return Status::TimedOut("queue full");
        }
      }
      if (closed_) return Status::Closed("queue closed");
      items_.push_back(std::move(item));
      ++unfinished_;
      // Notify with the lock held (here and in GetUntil): measured no slower
      // than after unlocking (bench/parallel), and it never touches the
      // queue after another thread could have seen the change and gone on
      // to destroy it.
      not_empty_.notify_one();
    }
    return Status::OK();
  }

  Result<std::optional<T>> GetUntil(Clock::time_point deadline) EXCLUDES(mu_) {
    std::optional<T> item;
    {
      MutexLock lock(mu_);
      while (items_.empty() && !closed_) {
        if (deadline == Now()) return Status::TimedOut("queue empty");
        if (deadline == Forever()) {
          not_empty_.wait(mu_);
        } else if (!not_empty_.wait_until(mu_, deadline) && items_.empty() && !closed_) {
          return Status::TimedOut("queue empty");
        }
      }
      if (items_.empty()) return std::optional<T>();  // closed and drained
      item.emplace(std::move(items_.front()));
      items_.pop_front();
      if (capacity_ != 0) not_full_.notify_one();
    }
    return Result<std::optional<T>>(std::move(item));
  }

  const std::size_t capacity_;
  mutable Mutex mu_;
  CondVar not_empty_;  // signalled on put and close
  CondVar not_full_;   // signalled on get (bounded queues) and close
  CondVar all_done_;   // signalled when unfinished_ drops to 0
  std::deque<T> items_ GUARDED_BY(mu_);
  bool closed_ GUARDED_BY(mu_) = false;
  // Items put minus task_done() calls (Python's unfinished_tasks).
  std::uint64_t unfinished_ GUARDED_BY(mu_) = 0;
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_SYNC_QUEUE_H_
