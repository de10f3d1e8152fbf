// Inverted-index reducer as a compiled streaming program: "word<TAB>doc"
// lines sorted by word in, "word<TAB>doc1,doc2,..." out (sorted, unique).
#include <set>
#include <string>

#include "sluice/mapreduce_streaming.h"

int main() {
  namespace st = sluice::mapreduce::streaming;
  st::values_by_key([](std::string_view key, st::Values& values) {
    std::set<std::string> docs;
    for (std::string_view v : values) docs.emplace(v);
    std::string list;
    for (const std::string& d : docs) list += (list.empty() ? "" : ",") + d;
    st::emit(key, list);
  });
}
