// The native word count with its sum written as a lambda instead of
// LongSum: the same output (examples_test.sh checks it), for comparing the
// generic combiner path with LongSum's running sums (bench/mr).
//   word_count_lambda [options] INPUT... OUTPUT   -> "word<TAB>count" lines
#include <string>

#include "example_main.h"
#include "sluice/mapreduce_words.h"

int main(int argc, char** argv) {
  sluice::mapreduce::NativeJob job;
  job.map = [](std::string_view line, sluice::mapreduce::Emitter& out) {
    sluice::mapreduce::ForEachWord(line, [&](std::string_view word) { out.emit(word, "1"); });
  };
  job.reduce = [](std::string_view key, sluice::mapreduce::ValueIterator& values, sluice::mapreduce::Emitter& out) {
    out.emit(key, std::to_string(sluice::examples::SumValues(values)));
  };
  job.combine = job.reduce;
  return sluice::examples::RunExample("word_count_lambda", job, argc, argv);
}
