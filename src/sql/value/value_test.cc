// Tests of Value: storage classes, typeof names, ownership and copying.
#include "sql/value/value.h"

#include <gtest/gtest.h>

#include <cmath>

#include <string>
#include <utility>

#include "sql/value/value_test_util.h"

namespace sluice::sql {
namespace {

using namespace sluice::sql::testing;

TEST(ValueTest, IsCompact) { EXPECT_EQ(sizeof(Value), 16u); }

TEST(ValueTest, StorageClassesAndTypeofNames) {
  EXPECT_EQ(StorageClassName(N().type()), "null");
  EXPECT_EQ(StorageClassName(I(1).type()), "integer");
  EXPECT_EQ(StorageClassName(R(1.0).type()), "real");
  EXPECT_EQ(StorageClassName(T("a").type()), "text");
  EXPECT_EQ(StorageClassName(B("a").type()), "blob");
  EXPECT_EQ(I(INT64_MIN).integer(), INT64_MIN);
  EXPECT_EQ(R(-2.5).real(), -2.5);
}

TEST(ValueTest, NanBecomesNull) { EXPECT_TRUE(R(std::nan("")).is_null()); }

TEST(ValueTest, InlineAndHeapStringsCopyDeeply) {
  for (std::string s : {std::string(), std::string("short"), std::string(14, 'x'), std::string(15, 'y'),
                        std::string(1000, 'z'), std::string("a\0b", 3)}) {
    Value v = T(s);
    EXPECT_FALSE(v.is_borrowed());
    Value copy = v;
    Value moved = std::move(v);
    EXPECT_EQ(copy.bytes(), s);
    EXPECT_EQ(moved.bytes(), s);
    if (s.size() > Value::kInlineCapacity) {
      EXPECT_NE(copy.bytes().data(), moved.bytes().data());
    }
    copy = moved;  // copy-assign over a live string
    EXPECT_EQ(copy.bytes(), s);
    Value& alias = copy;
    copy = alias;  // self-assignment keeps the value
    EXPECT_EQ(copy.bytes(), s);
  }
}

TEST(ValueTest, BorrowedViewsShareUntilMadeOwned) {
  std::string backing(100, 'q');
  Value view = Value::TextView(backing);
  EXPECT_TRUE(view.is_borrowed());
  EXPECT_EQ(view.bytes().data(), backing.data());
  Value shallow = view;
  EXPECT_EQ(shallow.bytes().data(), backing.data());
  Value owned = view.Owned();
  EXPECT_FALSE(owned.is_borrowed());
  backing[0] = 'X';
  EXPECT_EQ(view.bytes()[0], 'X');
  EXPECT_EQ(owned.bytes()[0], 'q');
  // Small views are inlined: never dangling.
  std::string small = "tiny";
  EXPECT_FALSE(Value::TextView(small).is_borrowed());
}

TEST(ValueTest, TextAndBlobWithSameBytesDiffer) {
  EXPECT_FALSE(T("ab").IdenticalTo(B("ab")));
  EXPECT_TRUE(T("ab").IdenticalTo(T("ab")));
  EXPECT_FALSE(R(0.0).IdenticalTo(R(-0.0)));
  EXPECT_FALSE(I(1).IdenticalTo(R(1.0)));
}

TEST(ValueTest, ZeroBlob) {
  EXPECT_EQ(Value::ZeroBlob(3).bytes(), std::string(3, '\0'));
  EXPECT_EQ(Value::ZeroBlob(100).bytes(), std::string(100, '\0'));
  EXPECT_TRUE(Value::ZeroBlob(0).is_blob());
}

TEST(ValueTest, DebugString) {
  EXPECT_EQ(N().DebugString(), "NULL");
  EXPECT_EQ(I(-3).DebugString(), "-3");
  EXPECT_EQ(R(1e20).DebugString(), "1.0e+20");
  EXPECT_EQ(T("x").DebugString(), "'x'");
  EXPECT_EQ(B("\x01\xff").DebugString(), "x'01ff'");
}

}  // namespace
}  // namespace sluice::sql
