// Input line sources (line_source.h). libedit is confined to this file.
#include "shell/line_source.h"

#include <cstdlib>

#include <editline/readline.h>

namespace sluice::shell {

bool FileLineSource::ReadLine(bool /*continuation*/, std::string* line) {
  line->clear();
  int c;
  bool any = false;
  while ((c = std::getc(in_)) != EOF) {
    any = true;
    if (c == '\n') break;
    line->push_back(static_cast<char>(c));
  }
  if (!any) return false;
  if (c == '\n' && !line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

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
