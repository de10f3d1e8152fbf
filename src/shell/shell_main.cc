// `sluice sql`: command-line parsing and the top-level run (shell_main.h),
// following sqlite3 3.40's main(): a first pass finds the database name and
// validates the options, a second applies them in order (running each -cmd
// as it comes), then the SQL arguments or the input are processed.
#include "shell/shell_main.h"

#include <unistd.h>

#include <memory>

#include "shell/chapter_tables.h"
#include "shell/error_report.h"
#include "shell/interrupt.h"
#include "shell/line_source.h"
#include "shell/open_error.h"
#include "shell/shell.h"
#include "sluice/database.h"
#include "sluice/version.h"

namespace sluice::shell {

namespace {

constexpr const char* kProgram = "sluice sql";

constexpr std::string_view kUsage =
    "Usage: sluice sql [OPTIONS] FILENAME [SQL]\n"
    "FILENAME is the name of a sluice database. A new database is created\n"
    "if the file does not previously exist. Default: an in-memory database.\n"
    "OPTIONS include:\n"
    "   -ascii               set output mode to 'ascii'\n"
    "   -bail                stop after hitting an error\n"
    "   -batch               force batch I/O\n"
    "   -box                 set output mode to 'box'\n"
    "   -column              set output mode to 'column'\n"
    "   -cmd COMMAND         run \"COMMAND\" before reading stdin\n"
    "   -csv                 set output mode to 'csv'\n"
    "   -echo                print inputs before execution\n"
    "   -[no]header          turn headers on or off\n"
    "   -help                show this message\n"
    "   -html                set output mode to HTML\n"
    "   -interactive         force interactive I/O\n"
    "   -json                set output mode to 'json'\n"
    "   -line                set output mode to 'line'\n"
    "   -list                set output mode to 'list'\n"
    "   -markdown            set output mode to 'markdown'\n"
    "   -newline SEP         set output row separator. Default: '\\n'\n"
    "   -nullvalue TEXT      set text string for NULL values. Default ''\n"
    "   -preload-chapter     preload the chapter's tables (cities, temps, animals, primes)\n"
    "   -quote               set output mode to 'quote'\n"
    "   -separator SEP       set output column separator. Default: '|'\n"
    "   -table               set output mode to 'table'\n"
    "   -tabs                set output mode to 'tabs'\n"
    "   -version             show the sluice version\n";

bool TakesValue(std::string_view opt) {
  return opt == "-separator" || opt == "-nullvalue" || opt == "-newline" || opt == "-cmd";
}

bool IsFlag(std::string_view opt) {
  static constexpr std::string_view kFlags[] = {
      "-ascii",           "-html",     "-bail",  "-batch",       "-box",     "-column", "-csv",  "-echo",
      "-header",          "-noheader", "-help",  "-interactive", "-json",    "-line",   "-list", "-markdown",
      "-preload-chapter", "-quote",    "-table", "-tabs",        "-version",
  };
  for (std::string_view f : kFlags) {
    if (opt == f) return true;
  }
  return false;
}

void Print(std::FILE* f, std::string_view text) { std::fwrite(text.data(), 1, text.size(), f); }

}  // namespace

int ShellMain(const std::vector<std::string>& args, const ShellStreams& io) {
  // Pass 1: the database name, the SQL arguments, option validity.
  std::string db_file;
  bool have_db_file = false;
  std::vector<std::string> commands;
  bool preload = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view z = args[i];
    if (z.empty() || z[0] != '-') {
      if (!have_db_file) {
        db_file = std::string(z);
        have_db_file = true;
      } else {
        commands.emplace_back(z);
      }
      continue;
    }
    if (z.starts_with("--")) z.remove_prefix(1);
    if (TakesValue(z)) {
      if (i + 1 >= args.size()) {
        Print(io.err, std::string(kProgram) + ": Error: missing argument to " + std::string(args[i]) + "\n");
        return 1;
      }
      ++i;
    } else if (z == "-help") {
      Print(io.out, kUsage);
      return 0;
    } else if (z == "-version") {
      Print(io.out, std::string("sluice ") + SLUICE_VERSION + "\n");
      return 0;
    } else if (z == "-preload-chapter") {
      preload = true;
    } else if (!IsFlag(z)) {
      Print(io.err, std::string(kProgram) + ": Error: unknown option: " + std::string(args[i]) +
                        "\nUse -help for a list of options.\n");
      return 1;
    }
  }
  if (preload && have_db_file && db_file != ":memory:" && !db_file.empty()) {
    Print(io.err, std::string(kProgram) + ": Error: --preload-chapter needs an in-memory database\n");
    return 1;
  }
  const std::string db_name = have_db_file ? db_file : ":memory:";
  Result<std::unique_ptr<Database>> opened = Database::Open(have_db_file ? db_file : ":memory:");
  if (!opened.ok()) {
    Print(io.err, OpenFailureText(db_name, opened.status()));
    return 1;
  }
  std::unique_ptr<Database> db = std::move(*opened);
  for (const std::string& warning : db->warnings()) Print(io.err, "Warning: " + warning + "\n");
  if (preload) {
    Status s = db->Execute(ChapterTablesSql());
    if (!s.ok()) {
      Print(io.err, "Error: cannot preload the chapter tables: " + s.message() + "\n");
      return 1;
    }
  }

  // Ctrl-C interrupts the running statement (interrupt.h) instead of
  // killing the shell.
  InterruptHandler interrupt_handler;
  Shell shell(db.get(), db_name, io.out, io.err);
  shell.TakeOwnership(std::move(db));
  shell.set_opener([](const std::string& path) { return Database::Open(path); });
  bool interactive = io.interactive >= 0 ? io.interactive != 0 : isatty(fileno(io.in)) != 0;
  OutputSettings& s = shell.settings();
  bool bail = false;
  // Pass 2: apply the options in order. (Separators are assigned from
  // std::string temporaries: gcc 12 reports a false -Wrestrict for
  // operator=(const char*) at -O3, gcc bug 105329.)
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view z = args[i];
    if (z.empty() || z[0] != '-') continue;
    if (z.starts_with("--")) z.remove_prefix(1);
    std::string value = TakesValue(z) ? args[++i] : std::string();
    if (z == "-separator") {
      s.col_separator = value;
    } else if (z == "-newline") {
      s.row_separator = value;
    } else if (z == "-nullvalue") {
      s.null_text = value;
    } else if (z == "-header") {
      s.show_header = true;
      shell.set_header_explicit(true);
    } else if (z == "-noheader") {
      s.show_header = false;
      shell.set_header_explicit(true);
    } else if (z == "-bail") {
      bail = true;
      shell.set_bail(true);
    } else if (z == "-echo") {
      shell.set_echo(true);
    } else if (z == "-batch") {
      interactive = false;
    } else if (z == "-interactive") {
      interactive = true;
    } else if (z == "-list") {
      s.mode = OutputMode::kList;
    } else if (z == "-line") {
      s.mode = OutputMode::kLine;
    } else if (z == "-column") {
      s.mode = OutputMode::kColumn;
    } else if (z == "-json") {
      s.mode = OutputMode::kJson;
    } else if (z == "-markdown") {
      s.mode = OutputMode::kMarkdown;
    } else if (z == "-table") {
      s.mode = OutputMode::kTable;
    } else if (z == "-box") {
      s.mode = OutputMode::kBox;
    } else if (z == "-csv") {
      s.mode = OutputMode::kCsv;
      s.col_separator = std::string(",");
    } else if (z == "-quote") {
      s.mode = OutputMode::kQuote;
      s.col_separator = std::string(",");
      s.row_separator = std::string("\n");
    } else if (z == "-html") {
      s.mode = OutputMode::kHtml;
    } else if (z == "-ascii") {
      s.mode = OutputMode::kAscii;
      s.col_separator = std::string("\x1f");
      s.row_separator = std::string("\x1e");
    } else if (z == "-tabs") {
      s.mode = OutputMode::kList;
      s.col_separator = std::string("\t");
    } else if (z == "-cmd") {
      if (!value.empty() && value[0] == '.') {
        CommandResult r = shell.RunMetaCommand(value);
        shell.Flush();
        if (r == CommandResult::kQuit) return shell.exit_code();
        if (r == CommandResult::kError && bail) return 1;
      } else {
        std::string_view failed_sql;
        Status status = shell.ExecuteSql(value, &failed_sql);
        shell.Flush();
        if (!status.ok()) {
          Print(io.err, SqlErrorReport(status, failed_sql, SqlErrorSource::kArgument));
          if (bail) return SqlErrorExitStatus(status);
        }
      }
    }
  }
  shell.set_interactive(interactive);

  if (!commands.empty()) {
    for (const std::string& cmd : commands) {
      if (!cmd.empty() && cmd[0] == '.') {
        CommandResult r = shell.RunMetaCommand(cmd);
        shell.Flush();
        if (r == CommandResult::kQuit) return shell.exit_code();
        if (r == CommandResult::kError) return 1;
      } else {
        std::string_view failed_sql;
        Status status = shell.ExecuteSql(cmd, &failed_sql);
        shell.Flush();
        if (!status.ok()) {
          Print(io.err, SqlErrorReport(status, failed_sql, SqlErrorSource::kArgument));
          return SqlErrorExitStatus(status);
        }
      }
    }
    return 0;
  }

  CommandResult r;
  if (interactive) {
    Print(io.out, std::string("sluice ") + SLUICE_VERSION +
                      " (SQL shell, sqlite3-compatible). Enter \".help\" for usage hints.\n");
    if (!have_db_file) {
      Print(io.out, preload ? "Connected to a transient in-memory database holding the chapter's tables.\n"
                            : "Connected to a transient in-memory database.\n");
    }
    std::fflush(io.out);
    EditLineSource source(
        "sluice> ", "   ...> ", DefaultHistoryFile(),
        [&shell](std::string_view line, std::string_view word) { return shell.CompletionCandidates(line, word); });
    r = shell.ProcessInput(&source, /*from_file=*/false);
  } else {
    FileLineSource source(io.in);
    r = shell.ProcessInput(&source, /*from_file=*/true);
  }
  shell.Flush();
  if (r == CommandResult::kQuit && shell.exit_code() != 0) return shell.exit_code();
  return shell.error_count() > 0 ? 1 : 0;
}

}  // namespace sluice::shell
