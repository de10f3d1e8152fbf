#include "mapreduce/units.h"

#include <gtest/gtest.h>

namespace sluice::mapreduce {
namespace {

TEST(UnitsTest, Sizes) {
  EXPECT_EQ(*ParseSize("4096"), 4096u);
  EXPECT_EQ(*ParseSize("16M"), 16u << 20);
  EXPECT_EQ(*ParseSize("16MiB"), 16u << 20);
  EXPECT_EQ(*ParseSize("512k"), 512u << 10);
  EXPECT_EQ(*ParseSize("1g"), 1u << 30);
  EXPECT_EQ(*ParseSize("1.5M"), 3u << 19);
  for (const char* bad : {"", "M", "12Q", "-1", "1MBx", "1..2M"}) {
    auto r = ParseSize(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("bad size"), std::string::npos);
    }
  }
}

TEST(UnitsTest, Durations) {
  EXPECT_EQ(ParseDuration("500ms")->count(), 500);
  EXPECT_EQ(ParseDuration("2")->count(), 2000);
  EXPECT_EQ(ParseDuration("1.5s")->count(), 1500);
  EXPECT_EQ(ParseDuration("10m")->count(), 600000);
  EXPECT_EQ(ParseDuration("0")->count(), 0);
  EXPECT_FALSE(ParseDuration("soon").ok());
  EXPECT_FALSE(ParseDuration("5d").ok());
}

}  // namespace
}  // namespace sluice::mapreduce
