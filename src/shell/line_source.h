// Where the shell's input lines come from: a file/pipe, or the terminal
// with line editing and history (libedit's readline-compatible API).
#ifndef SLUICE_SHELL_LINE_SOURCE_H_
#define SLUICE_SHELL_LINE_SOURCE_H_

#include <cstdio>
#include <string>

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
// `history_file` is not empty, loads it at construction and saves it at
// destruction. Only one may exist at a time (libedit's state is global).
class EditLineSource : public LineSource {
 public:
  EditLineSource(std::string prompt, std::string continuation_prompt, std::string history_file);
  ~EditLineSource() override;
  EditLineSource(const EditLineSource&) = delete;
  EditLineSource& operator=(const EditLineSource&) = delete;
  bool ReadLine(bool continuation, std::string* line) override;

 private:
  std::string prompt_;
  std::string continuation_prompt_;
  std::string history_file_;
};

// ~/.sluice_history, or "" when $HOME is not set.
std::string DefaultHistoryFile();

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_LINE_SOURCE_H_
