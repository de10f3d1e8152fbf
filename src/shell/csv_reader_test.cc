// Tests of CsvReader (sqlite3's csv_read_one_field) on in-memory files.
#include "shell/csv_reader.h"

#include <gtest/gtest.h>

#include <vector>

namespace sluice::shell {
namespace {

// Reads `text` into records (fields split at row terminators).
std::vector<std::vector<std::string>> ReadAll(const std::string& text, std::string* diagnostics = nullptr,
                                              char sep = ',') {
  std::FILE* f = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
  if (text.empty()) f = std::tmpfile();
  CsvReader r(f, "t.csv", sep, '\n', diagnostics);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  while (std::optional<std::string> field = r.ReadField()) {
    record.push_back(*field);
    if (!r.is_col_separator(r.terminator())) {
      records.push_back(record);
      record.clear();
    }
  }
  if (!record.empty()) records.push_back(record);
  std::fclose(f);
  return records;
}

using Records = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, PlainFieldsAndCrLf) {
  EXPECT_EQ(ReadAll("a,b\r\n1,2\n"), (Records{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("x"), (Records{{"x"}}));
  EXPECT_EQ(ReadAll(""), Records{});
}

TEST(CsvReaderTest, QuotedFieldsHoldSeparatorsNewlinesAndQuotes) {
  EXPECT_EQ(ReadAll("\"x, y\",\"multi\nline \"\"q\"\"\"\n"), (Records{{"x, y", "multi\nline \"q\""}}));
  EXPECT_EQ(ReadAll("\"\",\"\"\"\"\n"), (Records{{"", "\""}}));
  EXPECT_EQ(ReadAll("\"a\"\r\n\"b\""), (Records{{"a"}, {"b"}}));
}

TEST(CsvReaderTest, EmptyFieldsAndLines) { EXPECT_EQ(ReadAll("1,,3\n\n"), (Records{{"1", "", "3"}, {""}})); }

TEST(CsvReaderTest, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(ReadAll("\xef\xbb\xbf"
                    "a,b\n"),
            (Records{{"a", "b"}}));
}

TEST(CsvReaderTest, ReportsStrayAndUnterminatedQuotes) {
  std::string diag;
  EXPECT_EQ(ReadAll("\"a\"b\",c\n", &diag), (Records{{"a\"b", "c"}}));
  EXPECT_EQ(diag, "t.csv:1: unescaped \" character\n");
  diag.clear();
  EXPECT_EQ(ReadAll("x\n\"open\nmore", &diag), (Records{{"x"}, {"open\nmore"}}));
  EXPECT_EQ(diag, "t.csv:2: unterminated \"-quoted field\n");
}

TEST(CsvReaderTest, OtherSeparators) { EXPECT_EQ(ReadAll("a|b,c\n", nullptr, '|'), (Records{{"a", "b,c"}})); }

}  // namespace
}  // namespace sluice::shell
