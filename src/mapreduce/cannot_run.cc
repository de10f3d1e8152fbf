// DiagnoseCannotRun (cannot_run.h): sh's 126/127, a missing #! line, hints.
#include "mapreduce/cannot_run.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

// The plain words the command starts with (no quoting, expansion,
// assignment or operator, which would need a shell to read), up to the
// first that is not; a leading "exec" is skipped.
std::vector<std::string> PlainWords(const std::string& command) {
  std::istringstream in(command);
  std::vector<std::string> words;
  std::string word;
  while (in >> word) {
    if (words.empty() && word == "exec") continue;
    if (word.find_first_of("'\"\\$`|&;()<>*?[]{}~=#") != std::string::npos) break;
    words.push_back(word);
  }
  return words;
}

std::string PathOf(const std::vector<std::string>& environment) {
  for (const std::string& kv : environment) {
    if (kv.rfind("PATH=", 0) == 0) return kv.substr(5);
  }
  return "/usr/local/bin:/usr/bin:/bin";  // what sh searches without one
}

bool IsExecutableFile(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

// Where sh finds `name` on `path` (relative entries from `dir`); with
// `any`, a regular file of that name even if it is not executable.
std::optional<fs::path> Lookup(const std::string& name, const std::string& path, const fs::path& dir,
                               bool any = false) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    fs::path entry = path.substr(start, end - start);
    fs::path candidate = (entry.empty() ? dir : entry.is_relative() ? dir / entry : entry) / name;
    std::error_code ec;
    if (any ? fs::is_regular_file(candidate, ec) : IsExecutableFile(candidate)) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

bool Mentions(std::string_view tail, const std::string& what) { return tail.find(what) != std::string_view::npos; }

// Whether a line of `tail` names `file` as one that could not be opened.
bool SaysCannotOpen(std::string_view tail, const std::string& file) {
  while (!tail.empty()) {
    const std::size_t nl = tail.find('\n');
    const std::string_view line = tail.substr(0, nl);
    if (line.find(file) != std::string_view::npos &&
        (line.find("No such file or directory") != std::string_view::npos ||
         line.find("can't open file") != std::string_view::npos))
      return true;
    if (nl == std::string_view::npos) break;
    tail.remove_prefix(nl + 1);
  }
  return false;
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

struct Finding {
  std::string hint;
  bool no_shebang = false;  // a text file sh ran as a shell script
};

// Looks at the file sh ran as `word`.
std::optional<Finding> Examine(const fs::path& file, const std::string& word, const std::string& path,
                               const fs::path& dir) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(file, ec)))
      return Finding{Quoted(word) + " is a symbolic link to a file that does not exist"};
    return Finding{Quoted(word) + " does not exist" + (fs::path(word).is_relative() ? " in " + dir.string() : "")};
  }
  if (S_ISDIR(st.st_mode)) return Finding{Quoted(word) + " is a directory"};
  if (::access(file.c_str(), X_OK) != 0) {
    return Finding{Quoted(word) + " is not executable: chmod +x " + word + ", or name its interpreter (\"python3 " +
                   word + "\")"};
  }
  std::ifstream in(file, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\177ELF", 0) == 0) return std::nullopt;  // a binary: nothing to say from here
  if (head.rfind("#!", 0) != 0) {
    return Finding{Quoted(word) +
                       " has no #! line, so /bin/sh ran it as a shell script: make its first line say which "
                       "interpreter runs it (e.g. #!/usr/bin/env python3), or name the interpreter (\"python3 " +
                       word + "\")",
                   true};
  }
  std::string line = head.substr(2, head.find('\n') == std::string::npos ? std::string::npos : head.find('\n') - 2);
  if (!line.empty() && line.back() == '\r') {
    return Finding{"the #! line of " + Quoted(word) +
                   " ends in a carriage return (DOS line endings), so its interpreter's name ends in one too: "
                   "convert the file with dos2unix (or sed -i 's/\\r$//' " +
                   word + ")"};
  }
  std::istringstream words(line);
  std::string interpreter, arg;
  words >> interpreter;
  if (interpreter.empty()) return Finding{"the #! line of " + Quoted(word) + " names no interpreter"};
  if (!IsExecutableFile(interpreter)) {
    std::error_code ec;
    return Finding{"the #! line of " + Quoted(word) + " names " + interpreter + ", which " +
                   (fs::exists(interpreter, ec) ? "is not an executable file" : "does not exist")};
  }
  if (fs::path(interpreter).filename() == "env") {
    while (words >> arg && arg[0] == '-') {
    }
    if (!arg.empty() && arg[0] != '-' && arg.find('=') == std::string::npos && arg.find('/') == std::string::npos &&
        !Lookup(arg, path, dir)) {
      return Finding{"the #! line of " + Quoted(word) + " runs " + arg + " through env, and " + arg +
                     " is not on the tasks' PATH"};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> DiagnoseCannotRun(const std::string& command, int exit_status, std::string_view stderr_tail,
                                             const std::vector<std::string>& environment,
                                             const std::string& working_dir) {
  std::error_code ec;
  const fs::path dir = working_dir.empty() ? fs::current_path(ec) : fs::path(working_dir);
  const std::vector<std::string> words = PlainWords(command);
  // "python3 mapper.py" without the file (no --file, or a typo): whatever
  // the interpreter's status, it said it could not open its script (the
  // first argument that is not an option).
  for (std::size_t i = 1; i < words.size() && exit_status != 0; ++i) {
    if (words[i][0] == '-') continue;
    const fs::path script = fs::path(words[i]).is_relative() ? dir / words[i] : fs::path(words[i]);
    if (SaysCannotOpen(stderr_tail, words[i]) && !fs::exists(script, ec)) {
      return Quoted(words[i]) + " does not exist" + (fs::path(words[i]).is_relative() ? " in " + dir.string() : "") +
             ", so " + words[0] + " could not open it (ship it with --file, or give its path)";
    }
    break;
  }
  if (exit_status != 126 && exit_status != 127 && exit_status != 2) return std::nullopt;
  const std::string path = PathOf(environment);
  const std::string word = words.empty() ? std::string() : words[0];
  std::optional<Finding> finding;
  if (!word.empty()) {
    if (word.find('/') != std::string::npos) {
      finding = Examine(fs::path(word).is_relative() ? dir / word : fs::path(word), word, path, dir);
    } else if (std::optional<fs::path> found = Lookup(word, path, dir)) {
      finding = Examine(*found, word, path, dir);
    } else if (exit_status != 2 &&
               (Mentions(stderr_tail, word + ": not found") || Mentions(stderr_tail, word + ": command not found") ||
                Mentions(stderr_tail, word + ": Permission denied"))) {
      // Not on PATH as an executable file. A file of that name that is not
      // executable (on PATH, then here) is the likely mistake.
      std::optional<fs::path> file = Lookup(word, path, dir, /*any=*/true);
      if (!file && fs::is_regular_file(dir / word, ec)) file = dir / word;
      if (file && ::access(file->c_str(), X_OK) != 0) {
        finding = Finding{Quoted(word) + " (" + file->string() + ") is not executable: chmod +x " + word +
                          ", or name its interpreter (\"python3 " + word + "\")"};
      } else if (file && file->parent_path() == dir) {
        finding =
            Finding{Quoted(word) + " is not on the tasks' PATH, but " + file->string() + " exists: write ./" + word};
      } else {
        finding = Finding{Quoted(word) + " is not on the tasks' PATH"};
      }
    }
  }
  if (exit_status == 2) {
    // Status 2 is an ordinary failure, unless sh choked on a file that is
    // not a shell script.
    const bool syntax_error = stderr_tail.find("Syntax error") != std::string_view::npos ||
                              stderr_tail.find("syntax error") != std::string_view::npos;
    if (finding && finding->no_shebang && syntax_error) return finding->hint;
    return std::nullopt;
  }
  const std::string generic = exit_status == 127
                                  ? "a command it ran was not found (sh's status 127; see its stderr)"
                                  : "a command it ran could not be executed (sh's status 126; see its stderr)";
  // A file without #! may be a shell script that ran a missing command.
  if (finding && finding->no_shebang) return generic + "; note: " + finding->hint;
  if (finding) return finding->hint;
  return generic;
}

}  // namespace sluice::mapreduce
