// Input line sources (line_source.h). libedit is confined to this file.
#include "shell/line_source.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include <editline/readline.h>

#include "shell/interrupt.h"

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

namespace {

// libedit's history file starts with this line.
constexpr char kHistoryCookie[] = "_HiStOrY_V2_\n";

// Tab completion (libedit calls plain functions): the completer of the
// EditLineSource alive, and the candidates of the completion under way.
EditLineSource::Completer* g_completer = nullptr;
std::vector<std::string> g_candidates;
size_t g_next_candidate = 0;

char* NextCandidate(const char* /*text*/, int state) {
  if (state == 0) g_next_candidate = 0;
  if (g_next_candidate >= g_candidates.size()) return nullptr;
  return strdup(g_candidates[g_next_candidate++].c_str());
}

char** Complete(const char* text, int /*start*/, int end) {
  rl_attempted_completion_over = 1;  // no file-name completion
  if (g_completer == nullptr || !*g_completer) return nullptr;
  std::string_view line(rl_line_buffer, static_cast<size_t>(end < 0 ? 0 : end));
  g_candidates = (*g_completer)(line, text);
  if (g_candidates.empty()) return nullptr;
  return rl_completion_matches(text, NextCandidate);
}

// Word boundaries for completion: SQL punctuation, and '.' so that the
// column after "t." and the command after "." complete on their own.
char g_word_breaks[] = " \t\n\"'`@$><=;|&{(,)*+-/%.[]";

// Clears SA_RESTART on SIGINT's handler for the life of the object, so
// that Ctrl-C cuts readline()'s read short (readline then returns null).
class SigintCutsReads {
 public:
  SigintCutsReads() {
    if (sigaction(SIGINT, nullptr, &saved_) != 0) return;
    if (saved_.sa_handler == SIG_DFL || saved_.sa_handler == SIG_IGN || (saved_.sa_flags & SA_RESTART) == 0) return;
    struct sigaction cut = saved_;
    cut.sa_flags &= ~SA_RESTART;
    changed_ = sigaction(SIGINT, &cut, nullptr) == 0;
  }
  ~SigintCutsReads() {
    if (changed_) sigaction(SIGINT, &saved_, nullptr);
  }
  SigintCutsReads(const SigintCutsReads&) = delete;
  SigintCutsReads& operator=(const SigintCutsReads&) = delete;

 private:
  struct sigaction saved_ = {};
  bool changed_ = false;
};

}  // namespace

std::string EncodeHistoryLine(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (char ch : line) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c > ' ' && c < 0x7f && c != '\\') {
      out.push_back(ch);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    }
  }
  return out;
}

EditLineSource::EditLineSource(std::string prompt, std::string continuation_prompt, std::string history_file,
                               Completer completer)
    : prompt_(std::move(prompt)),
      continuation_prompt_(std::move(continuation_prompt)),
      history_file_(std::move(history_file)) {
  // libedit must not install its own signal handlers: on SIGINT they
  // re-send the signal to the whole process group. The shell's handler
  // (interrupt.h) counts it; ReadLine sees the read cut short.
  rl_catch_signals = 0;
  using_history();
  stifle_history(kHistoryLines);
  if (!history_file_.empty()) read_history(history_file_.c_str());
  if (completer) {
    g_completer = new Completer(std::move(completer));
    rl_attempted_completion_function = Complete;
    rl_completer_word_break_characters = g_word_breaks;
    rl_basic_word_break_characters = g_word_breaks;
  }
}

EditLineSource::~EditLineSource() {
  if (!history_file_.empty()) history_truncate_file(history_file_.c_str(), kHistoryLines);
  rl_attempted_completion_function = nullptr;
  delete g_completer;
  g_completer = nullptr;
}

// One write(2) per line with O_APPEND: lines of concurrent shells do not
// interleave. Errors are ignored (history is a convenience, as in sqlite3).
void EditLineSource::AppendToHistoryFile(const std::string& line) {
  if (history_file_.empty()) return;
  int fd = ::open(history_file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  std::string record;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size == 0) record = kHistoryCookie;
  record += EncodeHistoryLine(line);
  record.push_back('\n');
  ssize_t n = ::write(fd, record.data(), record.size());
  (void)n;
  ::close(fd);
}

bool EditLineSource::ReadLine(bool continuation, std::string* line) {
  const char* prompt = continuation ? continuation_prompt_.c_str() : prompt_.c_str();
  while (true) {
    const unsigned interrupts = InterruptGeneration();
    char* text;
    {
      SigintCutsReads cut;
      text = readline(prompt);
    }
    if (text == nullptr && InterruptGeneration() != interrupts) {
      // Ctrl-C: the line typed so far is dropped; a fresh prompt.
      std::fputs("^C\n", stdout);
      std::fflush(stdout);
      continue;
    }
    if (text == nullptr) return false;
    line->assign(text);
    std::free(text);
    if (!line->empty()) {
      add_history(line->c_str());
      AppendToHistoryFile(*line);
    }
    return true;
  }
}

std::string DefaultHistoryFile() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.sluice_history";
}

}  // namespace sluice::shell
