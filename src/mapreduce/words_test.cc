#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <random>
#include <string>
#include <vector>

#include "sluice/mapreduce_words.h"

namespace sluice::mapreduce {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  ForEachWord(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

// The definition: maximal runs of bytes other than " \t\n\v\f\r".
std::vector<std::string> NaiveWords(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

TEST(ForEachWordTest, Examples) {
  EXPECT_EQ(Words(""), std::vector<std::string>{});
  EXPECT_EQ(Words("   "), std::vector<std::string>{});
  EXPECT_EQ(Words("a"), std::vector<std::string>{"a"});
  EXPECT_EQ(Words("  the cat\tsat\r\n"), (std::vector<std::string>{"the", "cat", "sat"}));
  EXPECT_EQ(Words("caf\xc3\xa9, ok!"), (std::vector<std::string>{"caf\xc3\xa9,", "ok!"}));
  EXPECT_EQ(Words(std::string_view("a\0b c", 5)), (std::vector<std::string>{std::string("a\0b", 3), "c"}));
  EXPECT_EQ(Words("\x08x\x0e"), std::vector<std::string>{"\x08x\x0e"});  // neighbours of \t..\r are not space
}

TEST(ForEachWordTest, MatchesTheDefinitionOnRandomText) {
  std::mt19937 rng(11);
  const char alphabet[] = " \t\n\v\f\rab\x80\xff\x1f!";
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    const int n = static_cast<int>(rng() % 300);
    const bool sparse = rng() % 2;  // long words or mostly space
    for (int i = 0; i < n; ++i) {
      const unsigned pick = rng() % (sizeof alphabet - 1);
      text.push_back(sparse && pick < 6 && rng() % 4 ? 'w' : alphabet[pick]);
    }
    // Views at every alignment, so words straddle the 64-byte chunks.
    const std::size_t off = rng() % 64;
    std::string padded(off, 'x');
    padded += text;
    EXPECT_EQ(Words(std::string_view(padded).substr(off)), NaiveWords(text)) << "iteration " << iter;
  }
}

// A short text may be read 64 bytes at a time inside its page: one that
// ends right before an unmapped page must not fault and must not see past
// its end.
TEST(ForEachWordTest, TextAtTheEndOfAPage) {
  const long page = ::sysconf(_SC_PAGESIZE);
  char* mem = static_cast<char*>(::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(mem, MAP_FAILED);
  ASSERT_EQ(::mprotect(mem + page, page, PROT_NONE), 0);
  for (long i = 0; i < page; ++i) mem[i] = i % 5 == 0 ? ' ' : static_cast<char>('a' + i % 26);
  for (int len = 0; len <= 200; ++len) {
    for (int gap = 0; gap < 3; ++gap) {
      std::string_view text(mem + page - gap - len, static_cast<std::size_t>(len));
      EXPECT_EQ(Words(text), NaiveWords(text)) << len << " " << gap;
    }
  }
  ::munmap(mem, 2 * page);
}

}  // namespace
}  // namespace sluice::mapreduce
