// Line-level scanning of shell input, as sqlite3 3.40's process_input() does
// it before it hands text to the SQL parser.
//
// Role: decides, line by line, whether the accumulated input is a complete
// SQL group to run now, only whitespace/comments (dropped), or unfinished
// (keep reading, show the continuation prompt). QuickScan is a port of
// shell.c's quickscan(): it follows strings, quoted names and comments
// across lines and remembers whether the last dark token was a ';'.
#ifndef SLUICE_SHELL_INPUT_SCAN_H_
#define SLUICE_SHELL_INPUT_SCAN_H_

#include <cstdint>
#include <string_view>

namespace sluice::shell {

class QuickScan {
 public:
  // Scans one more line of input (without its '\n').
  void Scan(std::string_view line);
  void Reset() { state_ = 0; }

  // Outside any string, quoted name or block comment.
  bool in_plain() const { return (state_ & kCharMask) == 0; }
  // Only whitespace and comments (and ';'s) so far.
  bool plain_white() const { return (state_ & ~kEndingSemi) == 0; }
  // Plain, and the last dark character was a ';'.
  bool semi_terminated() const { return (state_ & ~kHasDark) == kEndingSemi; }

 private:
  static constexpr uint32_t kHasDark = 1u << 8;
  static constexpr uint32_t kEndingSemi = 2u << 8;
  static constexpr uint32_t kCharMask = 0xff;
  static constexpr uint32_t kScanMask = 3u << 8;
  // Low byte: the character that ends the current string/comment ('*' for
  // a block comment), 0 when plain; bits 8-9: kHasDark, kEndingSemi.
  uint32_t state_ = 0;
};

// sqlite3's line_is_command_terminator(): a line holding only "go" or "/"
// (any case, surrounded by whitespace) ends the statement like ';'.
bool IsCommandTerminatorLine(std::string_view line);

// isspace() as SQLite's IsSpace: ' ', \t, \n, \v, \f, \r.
inline bool IsSpaceChar(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_INPUT_SCAN_H_
