#include "sluice/status.h"

#include <cerrno>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "sluice/result.h"

namespace sluice {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = Status::InvalidArgument("bad flag --x");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "Invalid argument: bad flag --x");
}

TEST(StatusTest, FromErrnoNamesTheOsError) {
  EXPECT_EQ(Status::FromErrno("open x", ENOENT).ToString(), "IO error: open x: No such file or directory");
}

Status FailsAtSecond(int* steps) {
  SLUICE_RETURN_IF_ERROR(Status::OK());
  ++*steps;
  SLUICE_RETURN_IF_ERROR(Status::Closed("second"));
  ++*steps;
  return Status::OK();
}

TEST(StatusTest, ReturnIfErrorStopsAtFirstError) {
  int steps = 0;
  EXPECT_EQ(FailsAtSecond(&steps).code(), StatusCode::kClosed);
  EXPECT_EQ(steps, 1);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  SLUICE_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, ValueAndError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  EXPECT_EQ(Quarter(6).value_or(-1), -1);
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(ResultTest, OkStatusWithoutValueIsAnInternalError) {
  Result<int> r = Status::OK();
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(ResultDeathTest, ValueOfErrorAborts) {
  Result<int> r = Status::NotFound("nothing");
  EXPECT_DEATH((void)r.value(), "Not found: nothing");
}

}  // namespace
}  // namespace sluice
