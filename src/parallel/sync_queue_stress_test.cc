// Stress test of SyncQueue<T>: 4 producers x 4 consumers move 10^6 distinct
// items through a bounded and an unbounded queue; every item must arrive
// exactly once (a per-item "seen" bitmap catches duplicates, a count and a
// sum catch losses). TSan handles 10^6 items in about a second here, so all
// builds use the full count; only the capacity-1 variant (one context
// switch per item) uses 10^5.
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sluice/parallel/sync_queue.h"

namespace sluice::parallel {
namespace {

constexpr std::uint64_t kItems = 1'000'000;
constexpr int kProducers = 4;
constexpr int kConsumers = 4;

struct Outcome {
  std::uint64_t received = 0;
  std::uint64_t sum = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t out_of_range = 0;
  std::uint64_t per_producer_order_violations = 0;
};

// Producer p puts p, p + 4, p + 8, ... so items are distinct and their
// producer is item % kProducers; each consumer must see any one producer's
// items in increasing order (FIFO per producer).
Outcome RunStress(std::size_t capacity, std::uint64_t items) {
  SyncQueue<std::uint64_t> queue(capacity);
  std::vector<std::atomic<std::uint8_t>> seen(items);
  std::atomic<std::uint64_t> received{0}, sum{0}, duplicates{0}, out_of_range{0}, order_violations{0};

  std::vector<std::thread> consumers;
  for (int c = 0; c < kConsumers; ++c) {
    consumers.emplace_back([&] {
      std::uint64_t local_received = 0, local_sum = 0;
      std::vector<std::int64_t> last_from(kProducers, -1);
      while (std::optional<std::uint64_t> item = queue.get()) {
        const std::uint64_t v = *item;
        if (v >= items) {
          out_of_range.fetch_add(1);
          continue;
        }
        if (seen[v].exchange(1, std::memory_order_relaxed) != 0) duplicates.fetch_add(1);
        std::int64_t& last = last_from[v % kProducers];
        if (static_cast<std::int64_t>(v) <= last) order_violations.fetch_add(1);
        last = static_cast<std::int64_t>(v);
        ++local_received;
        local_sum += v;
      }
      received.fetch_add(local_received);
      sum.fetch_add(local_sum);
    });
  }

  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (std::uint64_t v = static_cast<std::uint64_t>(p); v < items; v += kProducers) {
        if (!queue.put(v).ok()) return;  // cannot happen: closed only after the join below
      }
    });
  }
  for (auto& t : producers) t.join();
  queue.close();
  for (auto& t : consumers) t.join();

  Outcome out;
  out.received = received.load();
  out.sum = sum.load();
  out.duplicates = duplicates.load();
  out.out_of_range = out_of_range.load();
  out.per_producer_order_violations = order_violations.load();
  std::uint64_t missing = 0;
  for (auto& s : seen) missing += s.load() == 0 ? 1 : 0;
  EXPECT_EQ(missing, 0u);
  return out;
}

void ExpectExactlyOnce(const Outcome& out, std::uint64_t items) {
  EXPECT_EQ(out.received, items);
  EXPECT_EQ(out.sum, items * (items - 1) / 2);
  EXPECT_EQ(out.duplicates, 0u);
  EXPECT_EQ(out.out_of_range, 0u);
  EXPECT_EQ(out.per_producer_order_violations, 0u);
}

TEST(SyncQueueStressTest, FourByFourUnbounded) { ExpectExactlyOnce(RunStress(0, kItems), kItems); }

TEST(SyncQueueStressTest, FourByFourBounded) { ExpectExactlyOnce(RunStress(1024, kItems), kItems); }

// Capacity 1 maximizes blocking on both sides: a hand-off per item.
TEST(SyncQueueStressTest, FourByFourCapacityOne) {
  constexpr std::uint64_t kFewer = kItems / 10;
  ExpectExactlyOnce(RunStress(1, kFewer), kFewer);
}

}  // namespace
}  // namespace sluice::parallel
