// The streaming output modes of ResultFormatter (result_formatter.h); the
// columnar ones are in columnar_layout.cc. Each branch follows the matching
// case of sqlite3 3.40's shell_callback().
#include "shell/result_formatter.h"

#include <cstring>

#include "shell/text_escape.h"

namespace sluice::shell {

namespace {

bool IsInfinity(double v, bool negative) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits == (negative ? 0xfff0000000000000ULL : 0x7ff0000000000000ULL);
}

// A value as an SQL literal (quote and insert modes). `escape_newlines`
// selects insert mode's replace(...) form for texts with line breaks.
void AppendLiteral(const Cell& c, bool escape_newlines, std::string* out) {
  switch (c.type) {
    case ColumnType::kNull: out->append("NULL"); break;
    case ColumnType::kInteger: out->append(c.c_text()); break;
    case ColumnType::kReal: AppendReal20(c.real, out); break;
    case ColumnType::kText:
      if (escape_newlines) {
        AppendQuotedEscapedString(c.bytes, out);
      } else {
        AppendQuotedString(c.bytes, out);
      }
      break;
    case ColumnType::kBlob: AppendHexBlob(c.bytes, out); break;
  }
}

// output_html_string(): the text up to its first NUL, with < & > " '
// as entities.
void AppendHtmlEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '<': out->append("&lt;"); break;
      case '&': out->append("&amp;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      default: out->push_back(c);
    }
  }
}

}  // namespace

void AppendInsertValue(const Cell& c, bool raw_newlines, std::string* out) {
  if (c.type == ColumnType::kReal) {
    AppendInsertReal(c.real, out);
  } else {
    AppendLiteral(c, /*escape_newlines=*/!raw_newlines, out);
  }
}

ResultFormatter::ResultFormatter(OutputSettings* settings, std::vector<std::string> column_names, std::string* out)
    : settings_(settings), names_(std::move(column_names)), out_(out) {}

void ResultFormatter::Row(const std::vector<Cell>& cells) {
  if (IsColumnar(settings_->mode)) {
    buffered_.push_back(cells);
    ++rows_;
    return;
  }
  StreamRow(cells);
  ++rows_;
}

void ResultFormatter::Finish() {
  if (finished_) return;
  finished_ = true;
  if (rows_ == 0) return;
  if (IsColumnar(settings_->mode)) {
    PrintColumnar();
  } else if (settings_->mode == OutputMode::kJson) {
    out_->append("]\n");
  }
}

void ResultFormatter::StreamRow(const std::vector<Cell>& cells) {
  const OutputSettings& s = *settings_;
  std::string& out = *out_;
  const size_t n = cells.size();
  switch (s.mode) {
    case OutputMode::kLine: {
      size_t w = 5;
      for (const std::string& name : names_) w = std::max(w, std::strlen(name.c_str()));
      if (rows_ > 0) out.append(s.row_separator);
      for (size_t i = 0; i < n; ++i) {
        std::string_view name(names_[i].c_str());
        if (name.size() < w) out.append(w - name.size(), ' ');
        out.append(name);
        out.append(" = ");
        out.append(cells[i].is_null() ? std::string_view(s.null_text) : cells[i].c_text());
        out.append(s.row_separator);
      }
      break;
    }
    case OutputMode::kList: {
      if (rows_ == 0 && s.show_header) {
        for (size_t i = 0; i < n; ++i) {
          out.append(names_[i].c_str());
          out.append(i + 1 == n ? s.row_separator : s.col_separator);
        }
      }
      for (size_t i = 0; i < n; ++i) {
        out.append(cells[i].is_null() ? std::string_view(s.null_text) : cells[i].c_text());
        out.append(i + 1 == n ? s.row_separator : s.col_separator);
      }
      break;
    }
    case OutputMode::kCsv: {
      if (rows_ == 0 && s.show_header) {
        for (size_t i = 0; i < n; ++i) {
          AppendCsvField(names_[i], s.col_separator, &out);
          if (i + 1 < n) out.append(s.col_separator);
        }
        out.append(s.row_separator);
      }
      if (n > 0) {
        for (size_t i = 0; i < n; ++i) {
          if (cells[i].is_null()) {
            out.append(s.null_text);
          } else {
            AppendCsvField(cells[i].bytes, s.col_separator, &out);
          }
          if (i + 1 < n) out.append(s.col_separator);
        }
        out.append(s.row_separator);
      }
      break;
    }
    case OutputMode::kQuote: {
      if (rows_ == 0 && s.show_header) {
        for (size_t i = 0; i < n; ++i) {
          if (i > 0) out.append(s.col_separator);
          AppendQuotedString(names_[i], &out);
        }
        out.append(s.row_separator);
      }
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out.append(s.col_separator);
        AppendLiteral(cells[i], /*escape_newlines=*/false, &out);
      }
      out.append(s.row_separator);
      break;
    }
    case OutputMode::kInsert: {
      out.append("INSERT INTO ");
      out.append(QuoteNameIfNeeded(s.insert_table));
      if (s.show_header) {
        out.push_back('(');
        for (size_t i = 0; i < n; ++i) {
          if (i > 0) out.push_back(',');
          out.append(QuoteNameIfNeeded(names_[i]));
        }
        out.push_back(')');
      }
      for (size_t i = 0; i < n; ++i) {
        out.append(i > 0 ? "," : " VALUES(");
        AppendInsertValue(cells[i], /*raw_newlines=*/false, &out);
      }
      out.append(");\n");
      break;
    }
    case OutputMode::kJson: {
      out.append(rows_ == 0 ? "[{" : ",\n{");
      for (size_t i = 0; i < n; ++i) {
        AppendJsonString(std::string_view(names_[i].c_str()), &out);
        out.push_back(':');
        const Cell& c = cells[i];
        switch (c.type) {
          case ColumnType::kNull: out.append("null"); break;
          case ColumnType::kReal:
            if (IsInfinity(c.real, false)) {
              out.append("1e999");
            } else if (IsInfinity(c.real, true)) {
              out.append("-1e999");
            } else {
              AppendReal20(c.real, &out);
            }
            break;
          case ColumnType::kBlob: AppendJsonString(c.bytes, &out); break;
          case ColumnType::kText: AppendJsonString(c.c_text(), &out); break;
          case ColumnType::kInteger: out.append(c.c_text()); break;
        }
        if (i + 1 < n) out.push_back(',');
      }
      out.push_back('}');
      break;
    }
    case OutputMode::kHtml: {
      if (rows_ == 0 && s.show_header) {
        out.append("<TR>");
        for (size_t i = 0; i < n; ++i) {
          out.append("<TH>");
          AppendHtmlEscaped(names_[i].c_str(), &out);
          out.append("</TH>\n");
        }
        out.append("</TR>\n");
      }
      out.append("<TR>");
      for (size_t i = 0; i < n; ++i) {
        out.append("<TD>");
        AppendHtmlEscaped(cells[i].is_null() ? std::string_view(s.null_text) : cells[i].c_text(), &out);
        out.append("</TD>\n");
      }
      out.append("</TR>\n");
      break;
    }
    case OutputMode::kAscii: {
      if (rows_ == 0 && s.show_header) {
        for (size_t i = 0; i < n; ++i) {
          if (i > 0) out.append(s.col_separator);
          out.append(names_[i].c_str());
        }
        out.append(s.row_separator);
      }
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out.append(s.col_separator);
        out.append(cells[i].is_null() ? std::string_view(s.null_text) : cells[i].c_text());
      }
      out.append(s.row_separator);
      break;
    }
    case OutputMode::kColumn:
    case OutputMode::kMarkdown:
    case OutputMode::kTable:
    case OutputMode::kBox: break;  // buffered, see PrintColumnar()
  }
}

}  // namespace sluice::shell
