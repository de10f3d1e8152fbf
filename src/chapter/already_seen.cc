// Chapter 4.8, "locks": the crawler's `already_seen`, a set protected by a
// lock so that the membership test and the insertion happen together.
//
//   def already_seen(item):
//       with seen_lock:
//           if item not in seen:
//               seen.add(item)
//               return False
//           return True
//
// Eight crawler threads each check the same links (in different orders);
// every URL must be reported new exactly once, whoever gets there first.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "chapter/parallel_programs.h"
#include "sluice/parallel/latch.h"
#include "sluice/parallel/mutex.h"

namespace sluice::chapter {

namespace {

class SeenSet {
 public:
  // True if `url` was seen before; otherwise remembers it and returns false.
  bool already_seen(const std::string& url) EXCLUDES(mu_) {
    parallel::MutexLock lock(mu_);  // `with seen_lock:`
    if (!seen_.contains(url)) {
      seen_.insert(url);
      return false;
    }
    return true;
  }

 private:
  parallel::Mutex mu_;
  std::set<std::string> seen_ GUARDED_BY(mu_);
};

const std::array<std::string, 6> kUrls = {
    "http://composingprograms.com/",
    "http://composingprograms.com/pages/48-parallel-computing.html",
    "http://composingprograms.com/examples/parallel/crawler.py.html",
    "http://composingprograms.com/examples/parallel/particle.py.html",
    "http://view.eecs.berkeley.edu/wiki/Dwarf_Mine",
    "https://docs.python.org/3/reference/compound_stmts.html",
};

}  // namespace

int RunAlreadySeen(std::FILE* out) {
  constexpr std::size_t kThreads = 8;
  constexpr std::size_t kRounds = 3;  // each thread meets every link 3 times
  SeenSet seen;
  std::array<std::atomic<int>, kUrls.size()> reported_new{};
  parallel::Latch start(1);  // release all crawlers at once for maximum contention

  std::vector<std::thread> crawlers;
  for (std::size_t t = 0; t < kThreads; ++t) {
    crawlers.emplace_back([&, t] {
      start.wait();
      for (std::size_t round = 0; round < kRounds; ++round) {
        for (std::size_t k = 0; k < kUrls.size(); ++k) {
          const std::size_t u = (k + t) % kUrls.size();  // thread-specific order
          if (!seen.already_seen(kUrls[u])) reported_new[u].fetch_add(1);
        }
      }
    });
  }
  static_cast<void>(start.count_down());
  for (auto& crawler : crawlers) crawler.join();

  int exit_code = 0;
  int total_new = 0;
  for (std::size_t u = 0; u < kUrls.size(); ++u) {
    const int n = reported_new[u].load();
    std::fprintf(out, "%s was new %d time%s\n", kUrls[u].c_str(), n, n == 1 ? "" : "s");
    if (n != 1) exit_code = 1;
    total_new += n;
  }
  std::fprintf(out, "%zu threads, %zu checks, %d new urls\n", kThreads, kThreads * kRounds * kUrls.size(), total_new);
  return exit_code;
}

}  // namespace sluice::chapter
