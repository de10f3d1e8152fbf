// Inverted-index mapper as a compiled streaming program: for input lines
// "doc<TAB>text", one "word<TAB>doc" line per word of the text.
#include "sluice/mapreduce_streaming.h"
#include "sluice/mapreduce_words.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::for_each_line([](std::string_view line) {
    const auto pair = st::split_key_value(line);
    const std::string_view doc = pair.first, text = pair.second;  // named: lambdas may not capture bindings
    if (text.data() == nullptr) return;                           // not "doc<TAB>text"
    sluice::mapreduce::ForEachWord(text, [&](std::string_view word) { st::emit(word, doc); });
  });
}
