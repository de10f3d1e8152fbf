// The chapter's vowel-count mapper as a compiled streaming program:
// "a<TAB>count" for each vowel of each input line (zero counts omitted).
#include <string>

#include "sluice/mapreduce_streaming.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::for_each_line([](std::string_view line) {
    for (char vowel : std::string_view("aeiou")) {
      long count = 0;
      for (char c : line) count += c == vowel;
      if (count > 0) st::emit(std::string_view(&vowel, 1), std::to_string(count));
    }
  });
}
