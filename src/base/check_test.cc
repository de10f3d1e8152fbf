// SLUICE_CHECK aborts with the condition and place; SLUICE_DCHECK does so
// only in builds with SLUICE_DCHECK_ON (sanitizer and Debug builds).
#include "base/check.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(CheckTest, PassingChecksDoNothing) {
  int evaluated = 0;
  SLUICE_CHECK(++evaluated == 1);
  SLUICE_CHECK_MSG(evaluated == 1, "evaluated once");
  EXPECT_EQ(evaluated, 1);
}

TEST(CheckDeathTest, FailedCheckNamesConditionAndAborts) {
  EXPECT_DEATH(SLUICE_CHECK(1 + 1 == 3), "check_test.cc:[0-9]+: check failed: 1 \\+ 1 == 3");
  EXPECT_DEATH(SLUICE_CHECK_MSG(false, "the reason"), "check failed: false \\(the reason\\)");
}

TEST(CheckDeathTest, DcheckFollowsNdebug) {
#ifndef SLUICE_DCHECK_ON
  int evaluated = 0;
  SLUICE_DCHECK(++evaluated == 5);
  EXPECT_EQ(evaluated, 0);
#else
  EXPECT_DEATH(SLUICE_DCHECK(2 < 1), "check failed: 2 < 1");
#endif
}

}  // namespace
}  // namespace sluice
