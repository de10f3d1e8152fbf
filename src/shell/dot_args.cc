// Splitting dot-command lines into arguments (dot_args.h).
#include "shell/dot_args.h"

#include <cctype>

#include "shell/input_scan.h"

namespace sluice::shell {

std::string ResolveBackslashes(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 1 >= text.size()) {
      out.push_back(c);
      continue;
    }
    c = text[++i];
    switch (c) {
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'v': out.push_back('\v'); break;
      case 'f': out.push_back('\f'); break;
      case 'r': out.push_back('\r'); break;
      case '"': out.push_back('"'); break;
      case '\'': out.push_back('\''); break;
      case '\\': out.push_back('\\'); break;
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0';
          for (int k = 0; k < 2 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++k) {
            v = v * 8 + (text[++i] - '0');
          }
          out.push_back(static_cast<char>(v));
        } else {
          out.push_back('\\');
          out.push_back(c);
        }
    }
  }
  return out;
}

std::vector<std::string> SplitDotCommand(std::string_view line) {
  std::vector<std::string> args;
  size_t h = 0;
  while (h < line.size()) {
    while (h < line.size() && IsSpaceChar(line[h])) ++h;
    if (h >= line.size()) break;
    char delim = line[h];
    if (delim == '\'' || delim == '"') {
      size_t start = ++h;
      while (h < line.size() && line[h] != delim) {
        if (line[h] == '\\' && delim == '"' && h + 1 < line.size()) ++h;
        ++h;
      }
      std::string_view arg = line.substr(start, h - start);
      if (h < line.size()) ++h;  // the closing quote
      args.push_back(delim == '"' ? ResolveBackslashes(arg) : std::string(arg));
    } else {
      size_t start = h;
      while (h < line.size() && !IsSpaceChar(line[h])) ++h;
      args.push_back(ResolveBackslashes(line.substr(start, h - start)));
    }
  }
  return args;
}

long long IntegerValue(std::string_view arg) {
  static const struct {
    const char* suffix;
    long long mult;
  } kMult[] = {{"KiB", 1024}, {"MiB", 1024 * 1024}, {"GiB", 1024LL * 1024 * 1024},
               {"KB", 1000},  {"MB", 1000000},      {"GB", 1000000000},
               {"K", 1000},   {"M", 1000000},       {"G", 1000000000}};
  size_t i = 0;
  bool neg = false;
  if (i < arg.size() && arg[i] == '-') {
    neg = true;
    ++i;
  } else if (i < arg.size() && arg[i] == '+') {
    ++i;
  }
  // Unsigned arithmetic: overlong numbers wrap as in sqlite3 (where the
  // signed overflow is undefined) instead of being undefined here.
  unsigned long long v = 0;
  if (i + 1 < arg.size() && arg[i] == '0' && arg[i + 1] == 'x') {
    i += 2;
    while (i < arg.size() && std::isxdigit(static_cast<unsigned char>(arg[i]))) {
      char c = arg[i++];
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
      v = v * 16 + static_cast<unsigned>(digit);
    }
  } else {
    while (i < arg.size() && std::isdigit(static_cast<unsigned char>(arg[i]))) {
      v = v * 10 + static_cast<unsigned>(arg[i++] - '0');
    }
  }
  std::string_view rest = arg.substr(i);
  for (const auto& m : kMult) {
    if (rest.size() == std::string_view(m.suffix).size()) {
      bool eq = true;
      for (size_t k = 0; k < rest.size(); ++k) {
        eq = eq &&
             std::tolower(static_cast<unsigned char>(rest[k])) == std::tolower(static_cast<unsigned char>(m.suffix[k]));
      }
      if (eq) {
        v *= static_cast<unsigned long long>(m.mult);
        break;
      }
    }
  }
  return static_cast<long long>(neg ? 0 - v : v);
}

bool BooleanValue(std::string_view arg, std::string* err) {
  size_t i = 0;
  if (arg.size() > 1 && arg[0] == '0' && arg[1] == 'x') {
    for (i = 2; i < arg.size() && std::isxdigit(static_cast<unsigned char>(arg[i])); ++i) {
    }
  } else {
    while (i < arg.size() && std::isdigit(static_cast<unsigned char>(arg[i]))) ++i;
  }
  if (i > 0 && i == arg.size()) return IntegerValue(arg) != 0;
  auto ieq = [&](std::string_view word) {
    if (arg.size() != word.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(arg[k])) != word[k]) return false;
    }
    return true;
  };
  if (ieq("on") || ieq("yes")) return true;
  if (ieq("off") || ieq("no")) return false;
  err->append("ERROR: Not a boolean value: \"" + std::string(arg) + "\". Assuming \"no\".\n");
  return false;
}

}  // namespace sluice::shell
