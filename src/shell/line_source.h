// Where the shell's input lines come from: a file/pipe, or the terminal
// with line editing and history (libedit's readline-compatible API).
#ifndef SLUICE_SHELL_LINE_SOURCE_H_
#define SLUICE_SHELL_LINE_SOURCE_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::shell {

class LineSource {
 public:
  virtual ~LineSource() = default;
  // Reads the next line into `line`, without its "\n" or "\r\n". Returns
  // false at the end of the input. `continuation` selects the continuation
  // prompt for sources that prompt.
  virtual bool ReadLine(bool continuation, std::string* line) = 0;
};

// Lines of a stdio stream (a script on stdin, a .read file). Does not own
// or close the stream.
class FileLineSource : public LineSource {
 public:
  explicit FileLineSource(std::FILE* in) : in_(in) {}
  ~FileLineSource() override;
  FileLineSource(const FileLineSource&) = delete;
  FileLineSource& operator=(const FileLineSource&) = delete;
  bool ReadLine(bool continuation, std::string* line) override;

 private:
  std::FILE* in_;
  char* buffer_ = nullptr;  // getline's, grown as needed
  size_t capacity_ = 0;
};

// The terminal, through libedit's readline(): prompts `prompt` /
// `continuation_prompt`, keeps non-empty lines in the history and, when
// `history_file` is not empty, loads it at construction and appends each
// line to it as it is entered (so a killed shell loses none; the file is
// cut to the last kHistoryLines at destruction). Ctrl-C while a line is
// typed drops that line and prompts again (the interrupt is counted by
// interrupt.h's handler when one is installed). Tab completes the word
// before the cursor from `completer` (if set): it gets the line up to the
// cursor and the word, and returns the candidates. Only one may exist at a
// time (libedit's state is global).
class EditLineSource : public LineSource {
 public:
  using Completer = std::function<std::vector<std::string>(std::string_view line, std::string_view word)>;
  static constexpr int kHistoryLines = 2000;

  EditLineSource(std::string prompt, std::string continuation_prompt, std::string history_file,
                 Completer completer = nullptr);
  ~EditLineSource() override;
  EditLineSource(const EditLineSource&) = delete;
  EditLineSource& operator=(const EditLineSource&) = delete;
  bool ReadLine(bool continuation, std::string* line) override;

 private:
  void AppendToHistoryFile(const std::string& line);

  std::string prompt_;
  std::string continuation_prompt_;
  std::string history_file_;
};

// The bytes of one line in libedit's history file (strvis-compatible:
// printable ASCII as is, every other byte and '\\' as a 3-digit octal
// escape), without the newline.
std::string EncodeHistoryLine(std::string_view line);

// ~/.sluice_history, or "" when $HOME is not set.
std::string DefaultHistoryFile();

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_LINE_SOURCE_H_
