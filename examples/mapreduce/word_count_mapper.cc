// Word-count mapper as a compiled streaming program: "word<TAB>1" per word
// (a run of non-white-space bytes, as ForEachWord finds them).
#include "sluice/mapreduce_streaming.h"
#include "sluice/mapreduce_words.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::for_each_line([](std::string_view line) {
    sluice::mapreduce::ForEachWord(line, [](std::string_view word) { st::emit(word, "1"); });
  });
}
