// Inverted-index mapper as a compiled streaming program: for input lines
// "doc<TAB>text", one "word<TAB>doc" line per word.
#include "sluice/mapreduce_streaming.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::for_each_line([](std::string_view line) {
    auto [doc, text] = st::split_key_value(line);
    if (text.data() == nullptr) return;  // not "doc<TAB>text"
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t j = text.find(' ', i);
      if (j == std::string_view::npos) j = text.size();
      if (j > i) st::emit(text.substr(i, j - i), doc);
      i = j + 1;
    }
  });
}
