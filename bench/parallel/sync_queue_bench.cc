// Throughput of SyncQueue<T> against two references, with 1 producer : 1
// consumer and 4 : 4:
//   MutexDeque   the textbook baseline: std::mutex + std::condition_variable
//                + std::deque, notify under the lock (what SyncQueue would
//                be without its refinements);
//   Moodycamel   moodycamel::BlockingConcurrentQueue (lock-free, per-producer
//                sub-queues, semaphore for blocking), the fast end of the scale;
// plus SyncQueue bounded at 1024 items against the same baseline bounded,
// and SyncQueue carrying batches of 256 items (the "exchange batches, not
// rows" habit).
//
// Each iteration moves kItems 64-bit integers: producers split the items,
// each consumer takes exactly kItems / consumers (no sentinels, so the
// non-FIFO-across-producers moodycamel queue is measured the same way).
// Reported: items_per_second (real time).
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "sluice/parallel/sync_queue.h"

#if __has_include(<concurrentqueue/blockingconcurrentqueue.h>)
#include <concurrentqueue/blockingconcurrentqueue.h>
#define SLUICE_HAVE_MOODYCAMEL 1
#endif

namespace {

constexpr std::int64_t kItems = 1 << 18;
constexpr std::size_t kBatch = 256;

class SyncQueueUnbounded {
 public:
  void Push(std::int64_t v) { static_cast<void>(q_.put(v)); }
  std::int64_t Pop() { return *q_.get(); }

 private:
  sluice::parallel::SyncQueue<std::int64_t> q_;
};

class SyncQueueBounded1024 {
 public:
  void Push(std::int64_t v) { static_cast<void>(q_.put(v)); }
  std::int64_t Pop() { return *q_.get(); }

 private:
  sluice::parallel::SyncQueue<std::int64_t> q_{1024};
};

class MutexDeque {
 public:
  void Push(std::int64_t v) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(v);
    cv_.notify_one();
  }
  std::int64_t Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !items_.empty(); });
    const std::int64_t v = items_.front();
    items_.pop_front();
    return v;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::int64_t> items_;
};

// The bounded baseline, for SyncQueueBounded1024.
class MutexDequeBounded1024 {
 public:
  void Push(std::int64_t v) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [this] { return items_.size() < 1024; });
    items_.push_back(v);
    not_empty_.notify_one();
  }
  std::int64_t Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    const std::int64_t v = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return v;
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::int64_t> items_;
};

#ifdef SLUICE_HAVE_MOODYCAMEL
class Moodycamel {
 public:
  void Push(std::int64_t v) { q_.enqueue(v); }
  std::int64_t Pop() {
    std::int64_t v;
    q_.wait_dequeue(v);
    return v;
  }

 private:
  moodycamel::BlockingConcurrentQueue<std::int64_t> q_;
};
#endif

template <typename Queue>
void BM_Throughput(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const int consumers = static_cast<int>(state.range(1));
  for (auto _ : state) {
    Queue queue;
    std::vector<std::thread> threads;
    std::vector<std::int64_t> sums(static_cast<std::size_t>(consumers));
    for (int c = 0; c < consumers; ++c) {
      threads.emplace_back([&, c] {
        std::int64_t sum = 0;
        for (std::int64_t i = 0; i < kItems / consumers; ++i) sum += queue.Pop();
        sums[static_cast<std::size_t>(c)] = sum;
      });
    }
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&, p] {
        for (std::int64_t v = p; v < kItems; v += producers) queue.Push(v);
      });
    }
    for (auto& t : threads) t.join();
    std::int64_t total = 0;
    for (std::int64_t s : sums) total += s;
    if (total != kItems * (kItems - 1) / 2) state.SkipWithError("items lost or duplicated");
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}

// SyncQueue<std::vector<int64_t>>: producers ship kBatch items per put.
void BM_SyncQueueBatched(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const int consumers = static_cast<int>(state.range(1));
  for (auto _ : state) {
    sluice::parallel::SyncQueue<std::vector<std::int64_t>> queue;
    std::vector<std::thread> threads;
    std::vector<std::int64_t> sums(static_cast<std::size_t>(consumers));
    for (int c = 0; c < consumers; ++c) {
      threads.emplace_back([&, c] {
        std::int64_t sum = 0;
        while (std::optional<std::vector<std::int64_t>> batch = queue.get()) {
          for (std::int64_t v : *batch) sum += v;
        }
        sums[static_cast<std::size_t>(c)] = sum;
      });
    }
    std::vector<std::thread> producer_threads;
    for (int p = 0; p < producers; ++p) {
      producer_threads.emplace_back([&, p] {
        std::vector<std::int64_t> batch;
        batch.reserve(kBatch);
        for (std::int64_t v = p; v < kItems; v += producers) {
          batch.push_back(v);
          if (batch.size() == kBatch) {
            static_cast<void>(queue.put(std::move(batch)));
            batch = {};
            batch.reserve(kBatch);
          }
        }
        if (!batch.empty()) static_cast<void>(queue.put(std::move(batch)));
      });
    }
    for (auto& t : producer_threads) t.join();
    queue.close();
    for (auto& t : threads) t.join();
    std::int64_t total = 0;
    for (std::int64_t s : sums) total += s;
    if (total != kItems * (kItems - 1) / 2) state.SkipWithError("items lost or duplicated");
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}

#define SLUICE_QUEUE_BENCH(Queue)            \
  BENCHMARK_TEMPLATE(BM_Throughput, Queue)   \
      ->ArgNames({"producers", "consumers"}) \
      ->Args({1, 1})                         \
      ->Args({4, 4})                         \
      ->UseRealTime()                        \
      ->Unit(benchmark::kMillisecond)

SLUICE_QUEUE_BENCH(SyncQueueUnbounded);
SLUICE_QUEUE_BENCH(SyncQueueBounded1024);
SLUICE_QUEUE_BENCH(MutexDeque);
SLUICE_QUEUE_BENCH(MutexDequeBounded1024);
#ifdef SLUICE_HAVE_MOODYCAMEL
SLUICE_QUEUE_BENCH(Moodycamel);
#endif
BENCHMARK(BM_SyncQueueBatched)
    ->ArgNames({"producers", "consumers"})
    ->Args({1, 1})
    ->Args({4, 4})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
