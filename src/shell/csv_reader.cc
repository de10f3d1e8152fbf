// CsvReader (csv_reader.h): sqlite3 3.40's csv_read_one_field().
#include "shell/csv_reader.h"

#include <utility>

namespace sluice::shell {

CsvReader::CsvReader(std::FILE* in, std::string file_name, char col_separator, char row_separator,
                     std::string* diagnostics)
    : in_(in),
      file_name_(std::move(file_name)),
      col_separator_(col_separator),
      row_separator_(row_separator),
      diagnostics_(diagnostics) {}

std::optional<std::string> CsvReader::ReadField() {
  const int csep = static_cast<unsigned char>(col_separator_);
  const int rsep = static_cast<unsigned char>(row_separator_);
  std::string z;
  int c = std::getc(in_);
  if (c == EOF) {
    terminator_ = EOF;
    return std::nullopt;
  }
  if (c == '"') {
    const int quote = c;
    const int start_line = line_;
    int pc = 0, ppc = 0;
    while (true) {
      c = std::getc(in_);
      if (c == rsep) ++line_;
      if (c == quote && pc == quote) {
        pc = 0;
        continue;
      }
      if ((c == csep && pc == quote) || (c == rsep && pc == quote) || (c == rsep && pc == '\r' && ppc == quote) ||
          (c == EOF && pc == quote)) {
        // Drop the closing quote and whatever followed it (a '\r').
        char dropped;
        do {
          dropped = z.back();
          z.pop_back();
        } while (dropped != static_cast<char>(quote));
        terminator_ = c;
        break;
      }
      if (pc == quote && c != '\r' && diagnostics_) {
        *diagnostics_ += file_name_ + ":" + std::to_string(line_) + ": unescaped \" character\n";
      }
      if (c == EOF) {
        if (diagnostics_) {
          *diagnostics_ += file_name_ + ":" + std::to_string(start_line) + ": unterminated \"-quoted field\n";
        }
        terminator_ = c;
        break;
      }
      z.push_back(static_cast<char>(c));
      ppc = pc;
      pc = c;
    }
  } else {
    if ((c & 0xff) == 0xef && !not_first_) {
      z.push_back(static_cast<char>(c));
      c = std::getc(in_);
      if ((c & 0xff) == 0xbb) {
        z.push_back(static_cast<char>(c));
        c = std::getc(in_);
        if ((c & 0xff) == 0xbf) {
          not_first_ = true;
          return ReadField();
        }
      }
    }
    while (c != EOF && c != csep && c != rsep) {
      z.push_back(static_cast<char>(c));
      c = std::getc(in_);
    }
    if (c == rsep) {
      ++line_;
      if (!z.empty() && z.back() == '\r') z.pop_back();
    }
    terminator_ = c;
  }
  not_first_ = true;
  return z;
}

}  // namespace sluice::shell
