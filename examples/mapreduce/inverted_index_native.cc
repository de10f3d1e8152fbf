// Inverted index as a native job. Input lines are "doc<TAB>text"; output
// lines are "word<TAB>doc1,doc2,..." (documents sorted, each once).
//   inverted_index_native [options] INPUT... OUTPUT
#include <set>
#include <string>

#include "example_main.h"
#include "sluice/mapreduce_words.h"

int main(int argc, char** argv) {
  sluice::mapreduce::NativeJob job;
  job.map = [](std::string_view line, sluice::mapreduce::Emitter& out) {
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;  // not "doc<TAB>text"
    std::string_view doc = line.substr(0, tab);
    sluice::mapreduce::ForEachWord(line.substr(tab + 1), [&](std::string_view word) { out.emit(word, doc); });
  };
  job.reduce = [](std::string_view key, sluice::mapreduce::ValueIterator& values, sluice::mapreduce::Emitter& out) {
    std::set<std::string> docs;
    for (std::string_view v : values) {
      docs.emplace(v);
    }
    std::string list;
    for (const std::string& d : docs) list += (list.empty() ? "" : ",") + d;
    out.emit(key, list);
  };
  return sluice::examples::RunExample("inverted_index_native", job, argc, argv);
}
