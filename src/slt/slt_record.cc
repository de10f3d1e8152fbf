// Parsing sqllogictest files (slt_record.h).
#include "slt/slt_record.h"

#include <charconv>

namespace sluice::slt {

namespace {

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::string Join(const std::vector<std::string_view>& lines, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out.push_back('\n');
    out.append(lines[i]);
  }
  return out;
}

}  // namespace

bool SltRecord::AppliesTo(std::string_view db) const {
  for (const Condition& c : conditions) {
    if (c.only_if && c.db != db) return false;
    if (!c.only_if && c.db == db) return false;
  }
  return true;
}

std::vector<SltRecord> ParseSltFile(std::string_view text) {
  // Lines, with their numbers, comments dropped.
  struct Line {
    std::string_view text;
    int number;
  };
  std::vector<Line> lines;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line[0] == '#') continue;
    lines.push_back({line, number});
  }

  std::vector<SltRecord> records;
  size_t i = 0;
  while (i < lines.size()) {
    if (IsBlank(lines[i].text)) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < lines.size() && !IsBlank(lines[end].text)) ++end;
    std::vector<std::string_view> block;
    for (size_t k = i; k < end; ++k) block.push_back(lines[k].text);
    const int first_number = lines[i].number;
    i = end;

    SltRecord r;
    size_t k = 0;
    for (; k < block.size(); ++k) {
      std::vector<std::string_view> w = Words(block[k]);
      if (w.size() >= 2 && (w[0] == "skipif" || w[0] == "onlyif")) {
        r.conditions.push_back({w[0] == "onlyif", std::string(w[1])});
      } else {
        break;
      }
    }
    if (k >= block.size()) continue;  // conditions without a command
    r.line = first_number + static_cast<int>(k);
    r.command_line = std::string(block[k]);
    std::vector<std::string_view> w = Words(block[k]);
    if (!w.empty() && w[0] == "statement") {
      r.kind = SltRecord::Kind::kStatement;
      r.expect_error = w.size() > 1 && w[1] == "error";
      r.sql = Join(block, k + 1, block.size());
    } else if (!w.empty() && w[0] == "query") {
      r.kind = SltRecord::Kind::kQuery;
      if (w.size() > 1) r.types = std::string(w[1]);
      if (w.size() > 2) {
        if (w[2] == "rowsort")
          r.sort = SortMode::kRowSort;
        else if (w[2] == "valuesort")
          r.sort = SortMode::kValueSort;
      }
      if (w.size() > 3) r.label = std::string(w[3]);
      size_t sep = k + 1;
      while (sep < block.size() && block[sep] != "----") ++sep;
      r.sql = Join(block, k + 1, sep);
      for (size_t v = sep + 1; v < block.size(); ++v) r.expected.emplace_back(block[v]);
    } else if (!w.empty() && w[0] == "hash-threshold") {
      r.kind = SltRecord::Kind::kHashThreshold;
      if (w.size() > 1) std::from_chars(w[1].data(), w[1].data() + w[1].size(), r.hash_threshold);
    } else if (!w.empty() && w[0] == "halt") {
      r.kind = SltRecord::Kind::kHalt;
    } else {
      r.kind = SltRecord::Kind::kUnknown;
    }
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace sluice::slt
