// The columnar output modes (column, table, box, markdown) of
// ResultFormatter: a port of sqlite3 3.40's exec_prepared_stmt_columnar()
// and translateForDisplayAndDup(). All rows are buffered; each value is cut
// into display lines (tabs expanded, control characters breaking the line,
// long values wrapped at the column's width); a result row whose values
// span several lines becomes several display rows, and once any row does,
// every row gets a divider (a blank line in column mode).
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "shell/result_formatter.h"
#include "shell/text_escape.h"

namespace sluice::shell {
namespace {

constexpr const char* kBoxVertical = "\xe2\x94\x82";    // │
constexpr const char* kBoxHorizontal = "\xe2\x94\x80";  // ─
constexpr const char* kBoxDownRight = "\xe2\x94\x8c";   // ┌
constexpr const char* kBoxDownLeft = "\xe2\x94\x90";    // ┐
constexpr const char* kBoxUpRight = "\xe2\x94\x94";     // └
constexpr const char* kBoxUpLeft = "\xe2\x94\x98";      // ┘
constexpr const char* kBoxDownHoriz = "\xe2\x94\xac";   // ┬
constexpr const char* kBoxUpHoriz = "\xe2\x94\xb4";     // ┴
constexpr const char* kBoxVertRight = "\xe2\x94\x9c";   // ├
constexpr const char* kBoxVertLeft = "\xe2\x94\xa4";    // ┤
constexpr const char* kBoxCross = "\xe2\x94\xbc";       // ┼

// Where the layout is written: the formatter's output string, handed to its
// flush callback (when there is one) whenever it holds more than kChunk
// bytes. sqlite3 streams its padding, so `.width 2000000000` prints 2 GB
// per cell in bounded memory; so does this (fills are appended in chunks).
class Sink {
 public:
  static constexpr size_t kChunk = size_t{1} << 16;
  Sink(std::string* out, const std::function<void()>* flush) : out_(out), flush_(flush) {}
  void append(std::string_view text) {
    out_->append(text);
    MaybeFlush();
  }
  void append(size_t n, char c) {
    while (n > 0) {
      size_t k = std::min(n, kChunk);
      out_->append(k, c);
      n -= k;
      MaybeFlush();
    }
  }
  void push_back(char c) { out_->push_back(c); }
  void MaybeFlush() {
    if (out_->size() > kChunk && flush_ != nullptr && *flush_) (*flush_)();
  }

 private:
  std::string* out_;
  const std::function<void()>* flush_;
};

// One display line of `z` (a C string: it ends at the view's end) and where
// the next line starts (npos: no next line). translateForDisplayAndDup().
std::string TranslateLine(std::string_view z, int max_width, bool word_wrap, size_t* tail) {
  auto at = [&](size_t i) -> unsigned char { return i < z.size() ? static_cast<unsigned char>(z[i]) : 0; };
  if (max_width < 0) max_width = -max_width;
  if (max_width == 0) max_width = 1000000;
  size_t i = 0;
  int n = 0;
  while (n < max_width) {
    unsigned char c = at(i);
    if (c >= ' ') {
      ++n;
      do {
        ++i;
      } while ((at(i) & 0xc0) == 0x80);
      continue;
    }
    if (c == '\t') {
      do {
        ++n;
      } while ((n & 7) != 0 && n < max_width);
      ++i;
      continue;
    }
    break;
  }
  size_t k;
  if (n >= max_width && word_wrap) {
    auto alnum = [](unsigned char c) { return std::isalnum(c) != 0; };
    for (k = i; k > i / 2; --k) {
      if (std::isspace(at(k - 1))) break;
    }
    if (k <= i / 2) {
      for (k = i; k > i / 2; --k) {
        if (alnum(at(k - 1)) != alnum(at(k)) && (at(k) & 0xc0) != 0x80) break;
      }
    }
    if (k <= i / 2) {
      k = i;
    } else {
      i = k;
      while (at(i) == ' ') ++i;
    }
  } else {
    k = i;
  }
  if (n >= max_width && at(i) >= ' ') {
    *tail = i;
  } else if (at(i) == '\r' && at(i + 1) == '\n') {
    *tail = at(i + 2) ? i + 2 : std::string_view::npos;
  } else if (at(i) == 0 || at(i + 1) == 0) {
    *tail = std::string_view::npos;
  } else {
    *tail = i + 1;
  }
  std::string out;
  n = 0;
  for (size_t p = 0; p < k;) {
    unsigned char c = at(p);
    if (c >= ' ') {
      ++n;
      do {
        out.push_back(static_cast<char>(at(p++)));
      } while ((at(p) & 0xc0) == 0x80);
      continue;
    }
    if (c == '\t') {
      do {
        ++n;
        out.push_back(' ');
      } while ((n & 7) != 0 && n < max_width);
      ++p;
      continue;
    }
    break;
  }
  return out;
}

// utf8_width_print(): `text` left-aligned in `w` characters (right-aligned
// when w < 0), cut to |w| characters when longer.
void AppendPadded(std::string_view text, int w, Sink* out) {
  int aw = w < 0 ? -w : w;
  size_t i = 0;
  int n = 0;
  for (; i < text.size(); ++i) {
    if ((text[i] & 0xc0) != 0x80) {
      ++n;
      if (n == aw) {
        do {
          ++i;
        } while (i < text.size() && (text[i] & 0xc0) == 0x80);
        break;
      }
    }
  }
  if (n >= aw) {
    out->append(text.substr(0, i));
  } else if (w < 0) {
    out->append(aw - n, ' ');
    out->append(text);
  } else {
    out->append(text);
    out->append(aw - n, ' ');
  }
}

void AppendRepeated(const char* piece, int count, Sink* out) {
  for (int i = 0; i < count; ++i) out->append(piece);
}

// print_row_separator(): "+-----+---+" or "|-----|---|".
void AppendRowSeparator(const std::vector<int>& widths, const char* sep, Sink* out) {
  if (!widths.empty()) {
    for (int w : widths) {
      out->append(sep);
      out->append(w + 2, '-');
    }
    out->append(sep);
  }
  out->push_back('\n');
}

// print_box_row_separator().
void AppendBoxSeparator(const std::vector<int>& widths, const char* left, const char* mid, const char* right,
                        Sink* out) {
  if (!widths.empty()) {
    out->append(left);
    for (size_t i = 0; i < widths.size(); ++i) {
      if (i > 0) out->append(mid);
      AppendRepeated(kBoxHorizontal, widths[i] + 2, out);
    }
    out->append(right);
  }
  out->push_back('\n');
}

// quoted_column(): a value as an SQL literal for `--quote`.
std::string QuotedCell(const Cell& c) {
  std::string out;
  switch (c.type) {
    case ColumnType::kNull: out = "NULL"; break;
    case ColumnType::kInteger:
    case ColumnType::kReal: out = std::string(c.c_text()); break;
    case ColumnType::kText: AppendQuotedString(c.bytes, &out); break;
    case ColumnType::kBlob:
      AppendHexBlob(c.bytes, &out);
      out[0] = 'x';  // quoted_column() writes x'..', output_hex_blob() X'..'
      break;
  }
  return out;
}

// Centers `text` in `w` characters (headers of table, box and markdown).
void AppendCentered(std::string_view text, int w, Sink* out) {
  int n = DisplayWidth(text);
  int left = (w - n) / 2, right = (w - n + 1) / 2;
  if (left > 0) out->append(left, ' ');
  out->append(text);
  if (right > 0) out->append(right, ' ');
}

}  // namespace

int DisplayWidth(std::string_view text) {
  int n = 0;
  for (char c : text) n += (c & 0xc0) != 0x80;
  return n;
}

std::vector<std::string> SplitForDisplay(std::string_view text, int max_width, bool word_wrap) {
  std::vector<std::string> lines;
  size_t tail = 0;
  std::string_view rest = text;
  while (true) {
    lines.push_back(TranslateLine(rest, max_width, word_wrap, &tail));
    if (tail == std::string_view::npos) break;
    rest = rest.substr(tail);
  }
  return lines;
}

void ResultFormatter::PrintColumnar() {
  OutputSettings& s = *settings_;
  Sink sink(out_, &flush_);
  Sink& out = sink;
  const size_t ncol = names_.size();
  if (ncol == 0) return;
  if (s.col_widths.size() < ncol) s.col_widths.resize(ncol, 0);
  std::vector<int> wrap(ncol), actual(ncol);
  for (size_t i = 0; i < ncol; ++i) {
    int w = s.col_widths[i];
    actual[i] = std::abs(w);
    wrap[i] = std::abs(w == 0 ? s.column_options.wrap : w);
  }
  const bool ww = s.column_options.word_wrap;

  // data[0] is the header; then one entry per display row.
  std::vector<std::vector<std::string>> data;
  std::vector<bool> row_ends;  // per display row: the last line of its result row
  std::vector<std::string> header(ncol);
  for (size_t i = 0; i < ncol; ++i) {
    size_t unused;
    header[i] = TranslateLine(std::string_view(names_[i].c_str()), wrap[i], ww, &unused);
  }
  data.push_back(std::move(header));
  bool multi_line_rows = false;
  for (const std::vector<Cell>& row : buffered_) {
    std::vector<std::string> texts(ncol);
    for (size_t i = 0; i < ncol; ++i) {
      const Cell& c = row[i];
      if (s.column_options.quote) {
        texts[i] = QuotedCell(c);
      } else {
        texts[i] = std::string(c.is_null() ? std::string_view(s.null_text) : c.c_text());
      }
    }
    std::vector<size_t> pos(ncol, 0);  // npos: this value has no more lines
    bool more = true;
    while (more) {
      more = false;
      std::vector<std::string> line(ncol);
      for (size_t i = 0; i < ncol; ++i) {
        if (pos[i] == std::string_view::npos) continue;
        std::string_view rest(texts[i].c_str() + pos[i]);
        size_t tail;
        line[i] = TranslateLine(rest, wrap[i], ww, &tail);
        pos[i] = tail == std::string_view::npos ? std::string_view::npos : pos[i] + tail;
        if (tail != std::string_view::npos) more = true;
      }
      data.push_back(std::move(line));
      row_ends.push_back(!more);
      if (more) multi_line_rows = true;
    }
  }
  for (const auto& line : data) {
    for (size_t i = 0; i < ncol; ++i) actual[i] = std::max(actual[i], DisplayWidth(line[i]));
  }

  const char* col_sep = "  ";
  const char* row_sep = "\n";
  switch (s.mode) {
    case OutputMode::kColumn:
      if (s.show_header) {
        for (size_t i = 0; i < ncol; ++i) {
          int w = s.col_widths[i] < 0 ? -actual[i] : actual[i];
          AppendPadded(data[0][i], w, &out);
          out.append(i + 1 == ncol ? "\n" : "  ");
        }
        for (size_t i = 0; i < ncol; ++i) {
          out.append(actual[i], '-');
          out.append(i + 1 == ncol ? "\n" : "  ");
        }
      }
      break;
    case OutputMode::kTable:
      col_sep = " | ";
      row_sep = " |\n";
      AppendRowSeparator(actual, "+", &out);
      out.append("| ");
      for (size_t i = 0; i < ncol; ++i) {
        AppendCentered(data[0][i], actual[i], &out);
        out.append(i + 1 == ncol ? " |\n" : " | ");
      }
      AppendRowSeparator(actual, "+", &out);
      break;
    case OutputMode::kMarkdown:
      col_sep = " | ";
      row_sep = " |\n";
      out.append("| ");
      for (size_t i = 0; i < ncol; ++i) {
        AppendCentered(data[0][i], actual[i], &out);
        out.append(i + 1 == ncol ? " |\n" : " | ");
      }
      AppendRowSeparator(actual, "|", &out);
      break;
    case OutputMode::kBox: {
      static const std::string kColSep = std::string(" ") + kBoxVertical + " ";
      static const std::string kRowSep = std::string(" ") + kBoxVertical + "\n";
      col_sep = kColSep.c_str();
      row_sep = kRowSep.c_str();
      AppendBoxSeparator(actual, kBoxDownRight, kBoxDownHoriz, kBoxDownLeft, &out);
      out.append(kBoxVertical);
      out.push_back(' ');
      for (size_t i = 0; i < ncol; ++i) {
        AppendCentered(data[0][i], actual[i], &out);
        out.append(i + 1 == ncol ? kRowSep : kColSep);
      }
      AppendBoxSeparator(actual, kBoxVertRight, kBoxCross, kBoxVertLeft, &out);
      break;
    }
    default: return;
  }
  for (size_t r = 1; r < data.size(); ++r) {
    if (s.mode == OutputMode::kBox) {
      out.append(kBoxVertical);
      out.push_back(' ');
    } else if (s.mode != OutputMode::kColumn) {
      out.append("| ");
    }
    for (size_t i = 0; i < ncol; ++i) {
      int w = s.col_widths[i] < 0 ? -actual[i] : actual[i];
      AppendPadded(data[r][i], w, &out);
      out.append(i + 1 == ncol ? row_sep : col_sep);
    }
    if (multi_line_rows && row_ends[r - 1] && r + 1 < data.size()) {
      if (s.mode == OutputMode::kTable) {
        AppendRowSeparator(actual, "+", &out);
      } else if (s.mode == OutputMode::kBox) {
        AppendBoxSeparator(actual, kBoxVertRight, kBoxCross, kBoxVertLeft, &out);
      } else if (s.mode == OutputMode::kColumn) {
        out.push_back('\n');
      }
    }
  }
  if (s.mode == OutputMode::kTable) {
    AppendRowSeparator(actual, "+", &out);
  } else if (s.mode == OutputMode::kBox) {
    AppendBoxSeparator(actual, kBoxUpRight, kBoxUpHoriz, kBoxUpLeft, &out);
  }
}

}  // namespace sluice::shell
