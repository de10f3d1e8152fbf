// Word-count mapper as a compiled streaming program: "word<TAB>1" per
// space-separated word.
#include "sluice/mapreduce_streaming.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::for_each_line([](std::string_view line) {
    std::size_t i = 0;
    while (i < line.size()) {
      std::size_t j = line.find(' ', i);
      if (j == std::string_view::npos) j = line.size();
      if (j > i) st::emit(line.substr(i, j - i), "1");
      i = j + 1;
    }
  });
}
