// Word count as a native job (words are separated by spaces).
//   word_count_native [options] INPUT... OUTPUT   -> "word<TAB>count" lines
#include <string>

#include "example_main.h"

int main(int argc, char** argv) {
  sluice::mapreduce::NativeJob job;
  job.map = [](std::string_view line, sluice::mapreduce::Emitter& out) {
    sluice::examples::ForEachWord(line, [&](std::string_view word) { out.emit(word, "1"); });
  };
  job.reduce = [](std::string_view key, sluice::mapreduce::ValueIterator& values, sluice::mapreduce::Emitter& out) {
    out.emit(key, std::to_string(sluice::examples::SumValues(values)));
  };
  job.combine = job.reduce;
  return sluice::examples::RunExample("word_count_native", job, argc, argv);
}
