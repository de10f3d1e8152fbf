// ProgressLine: its text, when it appears, how often it is redrawn, and
// that Clear() erases it.
#include "particles/progress_line.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace sluice::particles {
namespace {

using std::chrono::milliseconds;

TEST(FormatProgressTest, StepsRateAndEta) {
  EXPECT_EQ(FormatProgress(250, 1000, 2.0), "step 250/1000 (25%), 125 steps/s, ETA 0:06");
  EXPECT_EQ(FormatProgress(3, 10000, 6.0), "step 3/10000 (0%), 0.5 steps/s, ETA 5:33:14");
  EXPECT_EQ(FormatProgress(999, 1000, 1.0), "step 999/1000 (99%), 999 steps/s, ETA 0:00");
  EXPECT_EQ(FormatProgress(0, 1000, 1.0), "step 0/1000 (0%), 0 steps/s, ETA ?");
}

// Everything written to a FILE so far.
std::string Contents(std::FILE* f) {
  std::fflush(f);
  std::string out(static_cast<std::size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  out.resize(std::fread(out.data(), 1, out.size(), f));
  return out;
}

TEST(ProgressLineTest, AppearsAfterASecondAndRedrawsAtMostFourTimesASecond) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const auto t0 = ProgressLine::Clock::now();
  ProgressLine line(f, 1000, 80, t0);
  line.Update(100, t0 + milliseconds(900));
  EXPECT_EQ(Contents(f), "") << "a short run shows nothing";
  EXPECT_FALSE(line.shown());
  line.Update(200, t0 + milliseconds(1000));
  EXPECT_EQ(Contents(f), "\rstep 200/1000 (20%), 200 steps/s, ETA 0:04");
  EXPECT_TRUE(line.shown());
  line.Update(210, t0 + milliseconds(1100));
  EXPECT_EQ(Contents(f), "\rstep 200/1000 (20%), 200 steps/s, ETA 0:04") << "redrawn too soon";
  line.Update(250, t0 + milliseconds(1250));
  EXPECT_EQ(Contents(f), "\rstep 200/1000 (20%), 200 steps/s, ETA 0:04\rstep 250/1000 (25%), 200 steps/s, ETA 0:04");
  line.Clear();
  const std::string all = Contents(f);
  const std::string erase = "\r" + std::string(std::strlen("step 250/1000 (25%), 200 steps/s, ETA 0:04"), ' ') + "\r";
  EXPECT_EQ(all.substr(all.size() - erase.size()), erase);
  EXPECT_FALSE(line.shown());
  std::fclose(f);
}

TEST(ProgressLineTest, AShorterLineCoversTheLongerOneAndWidthCuts) {
  std::FILE* f = std::tmpfile();
  const auto t0 = ProgressLine::Clock::now();
  ProgressLine line(f, 100000, 80, t0);
  const std::string longer = "step 99999/100000 (99%), 99999 steps/s, ETA 0:00";
  const std::string shorter = "step 5/100000 (0%), 2.5 steps/s, ETA 11:06:38";
  line.Update(99999, t0 + milliseconds(1000));
  EXPECT_EQ(Contents(f), "\r" + longer);
  line.Update(5, t0 + milliseconds(2000));  // spaces cover the old tail, the cursor goes back to the text's end
  EXPECT_EQ(Contents(f),
            "\r" + longer + "\r" + shorter + std::string(longer.size() - shorter.size(), ' ') + "\r" + shorter);
  std::fclose(f);

  f = std::tmpfile();
  ProgressLine narrow(f, 1000, 20, t0);
  narrow.Update(500, t0 + milliseconds(2000));
  EXPECT_EQ(Contents(f), "\rstep 500/1000 (50%)");  // 19 columns: the last would wrap
  std::fclose(f);
}

}  // namespace
}  // namespace sluice::particles
