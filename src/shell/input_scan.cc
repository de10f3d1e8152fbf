// Line-level scanning of shell input (input_scan.h): shell.c's quickscan().
#include "shell/input_scan.h"

namespace sluice::shell {

void QuickScan::Scan(std::string_view line) {
  size_t i = 0;
  char wait = static_cast<char>(state_ & kCharMask);
  auto set_wait = [&](char c) { state_ = static_cast<unsigned char>(c) | (state_ & kScanMask); };
  while (i < line.size()) {
    if (wait == 0) {
      char c = line[i++];
      if (IsSpaceChar(c)) continue;
      switch (c) {
        case '-':
          if (i < line.size() && line[i] == '-') return;  // comment to the end of the line
          break;
        case ';': state_ |= kEndingSemi; continue;
        case '/':
          if (i < line.size() && line[i] == '*') {
            ++i;
            wait = '*';
            set_wait(wait);
            continue;
          }
          break;
        case '[':
        case '`':
        case '\'':
        case '"':
          wait = c == '[' ? ']' : c;
          state_ = kHasDark | static_cast<unsigned char>(wait);
          continue;
        default: break;
      }
      state_ = (state_ & ~kEndingSemi) | kHasDark;
    } else {
      char c = line[i++];
      if (c != wait) continue;
      if (wait == '*') {
        if (i >= line.size() || line[i] != '/') continue;
        ++i;
      } else if (wait != ']' && i < line.size() && line[i] == wait) {
        ++i;  // a doubled quote inside the string
        continue;
      }
      wait = 0;
      set_wait(0);
    }
  }
}

bool IsCommandTerminatorLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && IsSpaceChar(line[i])) ++i;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (i < line.size() && line[i] == '/') {
    ++i;
  } else if (i + 1 < line.size() && lower(line[i]) == 'g' && lower(line[i + 1]) == 'o') {
    i += 2;
  } else {
    return false;
  }
  while (i < line.size() && IsSpaceChar(line[i])) ++i;
  return i == line.size();
}

}  // namespace sluice::shell
