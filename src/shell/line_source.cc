// Input line sources (line_source.h). libedit is confined to this file.
#include "shell/line_source.h"

#include <cstdlib>

#include <editline/readline.h>

namespace sluice::shell {

// getline(3) rather than a getc loop: scripts of 100,000 INSERTs spent 4%
// of their time here. Lines may contain NUL bytes (n counts them).
bool FileLineSource::ReadLine(bool /*continuation*/, std::string* line) {
  ssize_t n = ::getline(&buffer_, &capacity_, in_);
  if (n < 0) {
    line->clear();
    return false;
  }
  size_t len = static_cast<size_t>(n);
  bool newline = len > 0 && buffer_[len - 1] == '\n';
  if (newline) --len;
  if (newline && len > 0 && buffer_[len - 1] == '\r') --len;
  line->assign(buffer_, len);
  return true;
}

FileLineSource::~FileLineSource() { std::free(buffer_); }

EditLineSource::EditLineSource(std::string prompt, std::string continuation_prompt, std::string history_file)
    : prompt_(std::move(prompt)),
      continuation_prompt_(std::move(continuation_prompt)),
      history_file_(std::move(history_file)) {
  using_history();
  stifle_history(2000);
  if (!history_file_.empty()) read_history(history_file_.c_str());
}

EditLineSource::~EditLineSource() {
  if (!history_file_.empty()) write_history(history_file_.c_str());
}

bool EditLineSource::ReadLine(bool continuation, std::string* line) {
  char* text = readline(continuation ? continuation_prompt_.c_str() : prompt_.c_str());
  if (text == nullptr) return false;
  line->assign(text);
  std::free(text);
  if (!line->empty()) add_history(line->c_str());
  return true;
}

std::string DefaultHistoryFile() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.sluice_history";
}

}  // namespace sluice::shell
