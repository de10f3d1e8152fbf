// Word count as a native job: words as ForEachWord finds them (runs of
// non-white-space bytes); LongSum, Hadoop's LongSumReducer, as combiner
// and reducer.
//   word_count_native [options] INPUT... OUTPUT   -> "word<TAB>count" lines
#include "example_main.h"
#include "sluice/mapreduce_words.h"

int main(int argc, char** argv) {
  sluice::mapreduce::NativeJob job;
  job.map = [](std::string_view line, sluice::mapreduce::Emitter& out) {
    sluice::mapreduce::ForEachWord(line, [&](std::string_view word) { out.emit(word, "1"); });
  };
  job.reduce = sluice::mapreduce::LongSum{};
  job.combine = job.reduce;
  return sluice::examples::RunExample("word_count_native", job, argc, argv);
}
