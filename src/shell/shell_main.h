// The `sluice sql` program: sqlite3's command line on top of Shell.
//
//   sluice sql [OPTIONS] [DBFILE] [SQL|.COMMAND ...]
//
// Options are sqlite3's (one or two leading dashes): -bail -batch -box
// -cmd COMMAND -column -csv -echo -[no]header -help -interactive -json
// -line -list -markdown -newline SEP -nullvalue TEXT -quote -separator SEP
// -table -tabs -version, plus --preload-chapter (an in-memory database
// holding the chapter's cities, temps, animals and primes tables).
// Options may appear anywhere; the first other argument names the
// database (default in-memory), the rest are SQL texts or dot commands run
// in order, after which the program exits (stdin is not read). Otherwise
// input comes from stdin: interactively (banner, prompts, libedit history
// in ~/.sluice_history) when it is a terminal, as a script when not.
//
// Exit status as sqlite3: 0; 1 when any statement or command of a script
// failed, or on a bad option; the SQLite result code (1, 19, ...) of a
// failed SQL argument; N for `.exit N`.
#ifndef SLUICE_SHELL_SHELL_MAIN_H_
#define SLUICE_SHELL_SHELL_MAIN_H_

#include <cstdio>
#include <string>
#include <vector>

namespace sluice::shell {

struct ShellStreams {
  std::FILE* in = stdin;
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  // nullopt-like: -1 asks isatty(in); 0/1 force script/terminal mode.
  int interactive = -1;
};

// Runs the program on `args` (the arguments after `sluice sql`); returns
// the exit status.
int ShellMain(const std::vector<std::string>& args, const ShellStreams& streams = ShellStreams());

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_SHELL_MAIN_H_
