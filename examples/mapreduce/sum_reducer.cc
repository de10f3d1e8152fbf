// Sums the values of each key (reducer or combiner of counting jobs), as a
// compiled streaming program: sorted "key<TAB>n" lines in, "key<TAB>sum" out.
#include <cstdlib>
#include <string>

#include "sluice/mapreduce_streaming.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::values_by_key([](std::string_view key, st::Values& values) {
    long total = 0;
    for (std::string_view v : values) total += std::strtol(std::string(v).c_str(), nullptr, 10);
    st::emit(key, std::to_string(total));
  });
}
