// The chapter's vowel count (4.7) as a native job: map and reduce are C++
// functions run in-process on sluice's thread pool.
//   vowel_count_native [options] INPUT... OUTPUT   -> "a<TAB>6" lines
#include <string>

#include "example_main.h"

int main(int argc, char** argv) {
  sluice::mapreduce::NativeJob job;
  job.map = [](std::string_view line, sluice::mapreduce::Emitter& out) {
    for (char vowel : std::string_view("aeiou")) {
      long count = 0;
      for (char c : line) count += c == vowel;
      if (count > 0) out.emit(std::string_view(&vowel, 1), std::to_string(count));
    }
  };
  job.reduce = [](std::string_view key, sluice::mapreduce::ValueIterator& values, sluice::mapreduce::Emitter& out) {
    out.emit(key, std::to_string(sluice::examples::SumValues(values)));
  };
  job.combine = job.reduce;
  return sluice::examples::RunExample("vowel_count_native", job, argc, argv);
}
