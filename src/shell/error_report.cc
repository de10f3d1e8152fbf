// Error wording of the shell (error_report.h).
#include "shell/error_report.h"

#include "shell/input_scan.h"

namespace sluice::shell {

int ResultCodeForMessage(std::string_view message) {
  if (message.find("constraint failed") != std::string_view::npos) return 19;
  if (message == "string or blob too big") return 18;
  if (message == "database or disk is full") return 13;
  return 1;
}

std::string ErrorContext(std::string_view sql, int64_t offset) {
  if (offset < 0) return "";
  size_t start = 0;
  // Keep the spot within the first 50 bytes, moving by whole UTF-8 characters.
  while (offset > 50) {
    --offset;
    ++start;
    while (start < sql.size() && (static_cast<unsigned char>(sql[start]) & 0xc0) == 0x80) {
      ++start;
      --offset;
    }
  }
  std::string_view rest = start < sql.size() ? sql.substr(start) : std::string_view();
  size_t nul = rest.find('\0');
  if (nul != std::string_view::npos) rest = rest.substr(0, nul);
  size_t len = rest.size();
  if (len > 78) {
    len = 78;
    while (len > 0 && (static_cast<unsigned char>(rest[len]) & 0xc0) == 0x80) --len;
  }
  std::string code(rest.substr(0, len));
  for (char& c : code) {
    if (IsSpaceChar(c)) c = ' ';
  }
  std::string out = "\n  " + code + "\n  ";
  if (offset < 25) {
    out.append(static_cast<size_t>(offset), ' ');
    out.append("^--- error here");
  } else {
    out.append(static_cast<size_t>(offset - 14), ' ');
    out.append("error here ---^");
  }
  return out;
}

}  // namespace sluice::shell
