// Open-failure messages of the shell (open_error.h).
#include "shell/open_error.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace sluice::shell {

bool IsSqliteFile(const std::string& path) {
  static constexpr char kHeader[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[sizeof(kHeader)];
  size_t n = std::fread(buf, 1, sizeof(buf), f);
  std::fclose(f);
  return n == sizeof(kHeader) && std::memcmp(buf, kHeader, sizeof(kHeader)) == 0;
}

namespace {

// `path` as one word of a POSIX shell command line.
std::string ShellWord(const std::string& path) {
  bool plain = !path.empty();
  for (char c : path) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("._/-+,:@%", c) != nullptr);
  }
  if (plain) return path;
  std::string out = "'";
  for (char c : path) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

}  // namespace

std::string OpenFailureText(const std::string& path, const Status& status) {
  std::string text = "Error: unable to open database \"" + path + "\": " + status.message() + "\n";
  if (status.result_code() == ResultCode::kNotADb && IsSqliteFile(path)) {
    text += path +
            " is an SQLite database file. sluice keeps its own file format and does not read SQLite's;\n"
            "convert it with sqlite3's .dump, e.g.:\n"
            "    sqlite3 " +
            ShellWord(path) + " .dump | sluice sql new.db\n";
  }
  return text;
}

}  // namespace sluice::shell
