// Tests of SyncQueue<T> (sync_queue.h): FIFO order, bounds, close, timeouts,
// task_done/join, move-only items, and the chapter's producer/consumer.
#include "sluice/parallel/sync_queue.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parallel/test_util.h"

namespace sluice::parallel {
namespace {

using namespace std::chrono_literals;
using testing::Eventually;
using testing::kShortWhile;

TEST(SyncQueueTest, FifoOrder) {
  SyncQueue<int> q;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(q.put(i).ok());
  EXPECT_EQ(q.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(q.get(), i);
  EXPECT_TRUE(q.empty());
}

TEST(SyncQueueTest, TryGetOnEmptyOpenQueueTimesOut) {
  SyncQueue<int> q;
  Result<std::optional<int>> r = q.try_get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTimedOut);
  ASSERT_TRUE(q.put(7).ok());
  r = q.try_get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::optional<int>(7));
}

TEST(SyncQueueTest, GetForDistinguishesTimeoutItemAndEnd) {
  SyncQueue<std::string> q;
  const auto start = std::chrono::steady_clock::now();
  Result<std::optional<std::string>> r = q.get_for(30ms);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTimedOut);  // nothing yet

  ASSERT_TRUE(q.put(std::string("x")).ok());
  q.close();
  r = q.get_for(30ms);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::optional<std::string>("x"));  // an item (drained after close)

  r = q.get_for(30ms);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::nullopt);  // end of stream, not a timeout
  r = q.try_get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::nullopt);
}

TEST(SyncQueueTest, GetForReturnsAnItemPutWhileWaiting) {
  SyncQueue<int> q;
  std::thread producer([&] {
    std::this_thread::sleep_for(10ms);
    ASSERT_TRUE(q.put(42).ok());
  });
  Result<std::optional<int>> r = q.get_for(testing::kGenerous);
  producer.join();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::optional<int>(42));
}

TEST(SyncQueueTest, BoundedPutBlocksUntilAGet) {
  SyncQueue<int> q(2);
  EXPECT_EQ(q.capacity(), 2u);
  ASSERT_TRUE(q.put(1).ok());
  ASSERT_TRUE(q.put(2).ok());
  EXPECT_EQ(q.try_put(3).code(), StatusCode::kTimedOut);
  EXPECT_EQ(q.put_for(3, 10ms).code(), StatusCode::kTimedOut);

  std::atomic<bool> put_done{false};
  std::thread producer([&] {
    ASSERT_TRUE(q.put(3).ok());  // blocks: the queue is full
    put_done = true;
  });
  std::this_thread::sleep_for(kShortWhile);
  EXPECT_FALSE(put_done.load()) << "put() did not block on a full queue";
  EXPECT_EQ(q.get(), 1);
  EXPECT_TRUE(Eventually([&] { return put_done.load(); }));
  producer.join();
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.get(), 2);
  EXPECT_EQ(q.get(), 3);
}

TEST(SyncQueueTest, CloseWakesBlockedGetters) {
  SyncQueue<int> q;
  constexpr int kGetters = 3;
  std::atomic<int> ended{0};
  std::vector<std::thread> getters;
  for (int i = 0; i < kGetters; ++i) {
    getters.emplace_back([&] {
      if (!q.get().has_value()) ended.fetch_add(1);
    });
  }
  std::this_thread::sleep_for(kShortWhile);
  EXPECT_EQ(ended.load(), 0);
  q.close();
  for (auto& t : getters) t.join();
  EXPECT_EQ(ended.load(), kGetters);
  EXPECT_TRUE(q.closed());
}

TEST(SyncQueueTest, CloseWakesBlockedPuttersWithClosed) {
  SyncQueue<int> q(1);
  ASSERT_TRUE(q.put(0).ok());
  constexpr int kPutters = 3;
  std::atomic<int> refused{0};
  std::vector<std::thread> putters;
  for (int i = 0; i < kPutters; ++i) {
    putters.emplace_back([&, i] {
      if (q.put(i + 1).code() == StatusCode::kClosed) refused.fetch_add(1);
    });
  }
  std::this_thread::sleep_for(kShortWhile);
  EXPECT_EQ(refused.load(), 0);
  q.close();
  for (auto& t : putters) t.join();
  EXPECT_EQ(refused.load(), kPutters);
  // What was put before close is still delivered, then the end.
  EXPECT_EQ(q.get(), 0);
  EXPECT_EQ(q.get(), std::nullopt);
}

TEST(SyncQueueTest, PutAfterCloseFailsAndLeavesTheItemWithTheCaller) {
  SyncQueue<std::unique_ptr<int>> q;
  q.close();
  auto item = std::make_unique<int>(5);
  const Status s = q.put(std::move(item));
  EXPECT_EQ(s.code(), StatusCode::kClosed);
  EXPECT_EQ(s.ToString(), "Closed: queue closed");
  ASSERT_NE(item, nullptr) << "a refused put must not consume the item";
  EXPECT_EQ(*item, 5);
  EXPECT_EQ(q.try_put(std::move(item)).code(), StatusCode::kClosed);
  EXPECT_NE(item, nullptr);
  q.close();  // idempotent
}

TEST(SyncQueueTest, MoveOnlyItemsFlowThrough) {
  SyncQueue<std::unique_ptr<std::string>> q(4);
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(q.put(std::make_unique<std::string>(std::to_string(i))).ok());
    q.close();
  });
  int expected = 0;
  while (std::optional<std::unique_ptr<std::string>> item = q.get()) {
    ASSERT_NE(*item, nullptr);
    EXPECT_EQ(**item, std::to_string(expected++));
  }
  producer.join();
  EXPECT_EQ(expected, 100);
  Result<std::optional<std::unique_ptr<std::string>>> r = q.get_for(1ms);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
}

TEST(SyncQueueTest, CopyablePutByConstReference) {
  SyncQueue<std::string> q;
  const std::string s = "kept";
  ASSERT_TRUE(q.put(s).ok());
  ASSERT_TRUE(q.try_put(s).ok());
  EXPECT_EQ(s, "kept");
  EXPECT_EQ(q.get(), "kept");
  EXPECT_EQ(q.get(), "kept");
}

TEST(SyncQueueTest, JoinWaitsForEveryTaskDone) {
  SyncQueue<int> q;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(q.put(i).ok());
  EXPECT_EQ(q.unfinished_tasks(), 3u);
  std::atomic<bool> joined{false};
  std::thread joiner([&] {
    q.join();
    joined = true;
  });
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(q.get().has_value());
    std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(joined.load()) << "join() returned with " << 3 - i << " tasks unfinished";
    ASSERT_TRUE(q.task_done().ok());
  }
  EXPECT_TRUE(Eventually([&] { return joined.load(); }));
  joiner.join();
  EXPECT_EQ(q.unfinished_tasks(), 0u);
  q.join();  // nothing unfinished: returns at once
}

TEST(SyncQueueTest, JoinForTimesOutWithUnfinishedTasks) {
  SyncQueue<int> q;
  EXPECT_TRUE(q.join_for(0ms));
  ASSERT_TRUE(q.put(1).ok());
  EXPECT_FALSE(q.join_for(10ms));
  ASSERT_TRUE(q.get().has_value());
  ASSERT_TRUE(q.task_done().ok());
  EXPECT_TRUE(q.join_for(0ms));
}

TEST(SyncQueueTest, TooManyTaskDonesAreReported) {
  SyncQueue<int> q;
  EXPECT_EQ(q.task_done().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(q.put(1).ok());
  ASSERT_TRUE(q.get().has_value());
  ASSERT_TRUE(q.task_done().ok());
  const Status s = q.task_done();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "SyncQueue::task_done() called more times than items were put");
  EXPECT_EQ(q.unfinished_tasks(), 0u);
}

TEST(SyncQueueTest, RefusedPutsDoNotCountAsTasks) {
  SyncQueue<int> q(1);
  ASSERT_TRUE(q.put(1).ok());
  EXPECT_FALSE(q.try_put(2).ok());
  q.close();
  EXPECT_FALSE(q.put(3).ok());
  EXPECT_EQ(q.unfinished_tasks(), 1u);
}

// The chapter's synchronized_produce / synchronized_consume.
TEST(SyncQueueTest, ChapterProducerConsumerSeesTenItemsInOrder) {
  SyncQueue<int> queue;
  std::vector<int> got;  // written by the consumer, read after join()
  std::thread consumer([&] {
    while (std::optional<int> item = queue.get()) {
      got.push_back(*item);
      ASSERT_TRUE(queue.task_done().ok());
    }
  });
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(queue.put(i).ok());
  queue.join();
  // join() returned, so every push_back happened-before this read (the
  // consumer now sits in get(), not touching `got`; TSan checks the claim).
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  queue.close();  // C++ has no daemon threads: end the consumer's loop
  consumer.join();
}

}  // namespace
}  // namespace sluice::parallel
