// The dot commands of the shell (Shell::RunMetaCommand), with sqlite3
// 3.40's names, abbreviations, usage messages and side effects. .import is
// in import_command.cc, .tables, .indexes, .schema and .fullschema in
// schema_commands.cc, .open and .shell/.system in open_command.cc,
// .parameter in parameter_command.cc.
#include <sys/stat.h>

#include <cctype>

#include "shell/dot_args.h"
#include "shell/shell.h"
#include "sluice/version.h"

namespace sluice::shell {

namespace {

// sqlite3 accepts any prefix of a command's name (".he on") that is at
// least as long as the command's minimum (".bail" needs "bai", ".timer" and
// ".timeout" need five letters); where several commands share a prefix the
// first in its source order wins, which this table keeps.
struct CommandName {
  std::string_view name;
  size_t min_length;
};
constexpr CommandName kCommands[] = {
    {"backup", 3},  {"bail", 3},       {"changes", 3}, {"databases", 2}, {"dump", 1},   {"echo", 1},
    {"exit", 1},    {"fullschema", 2}, {"headers", 1}, {"help", 1},      {"import", 1}, {"import-sqlite", 13},
    {"indexes", 2}, {"indices", 2},    {"mode", 1},    {"nullvalue", 1}, {"open", 2},   {"once", 1},
    {"output", 1},  {"parameter", 3},  {"print", 3},   {"quit", 1},      {"read", 1},   {"save", 3},
    {"schema", 1},  {"separator", 1},  {"shell", 2},   {"show", 1},      {"system", 2}, {"tables", 1},
    {"timeout", 5}, {"timer", 5},      {"width", 1},
};

}  // namespace

std::vector<std::string_view> DotCommandNames() {
  std::vector<std::string_view> names;
  for (const CommandName& c : kCommands) names.push_back(c.name);
  return names;
}

namespace {

std::string_view Lookup(std::string_view typed) {
  if (typed.empty()) return "";
  for (const CommandName& c : kCommands) {
    if (typed.size() >= c.min_length && c.name.starts_with(typed)) return c.name;
  }
  return "";
}

// output_c_string(): "..." with C escapes (for .show).
std::string CString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (!std::isprint(c)) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

std::string ShowLine(std::string_view label, std::string_view value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%12.12s: ", std::string(label).c_str());
  return std::string(buf) + std::string(value) + "\n";
}

constexpr std::string_view kHelp[] = {
    ".backup ?DB? FILE        Backup DB (default \"main\") to FILE",
    ".bail on|off             Stop after hitting an error.  Default OFF",
    ".changes on|off          Show number of rows changed by SQL",
    ".databases               List names and files of attached databases",
    ".dump ?OBJECTS?          Render database content as SQL",
    "   Options:",
    "     --data-only            Output only INSERT statements",
    "     --newlines             Allow unescaped newline characters in output",
    "     --nosys                Omit system tables (ex: \"sqlite_stat1\")",
    "     --preserve-rowids      Include ROWID values in the output",
    "   OBJECTS is a LIKE pattern for tables, indexes, triggers or views to dump",
    "   Additional LIKE patterns can be given in subsequent arguments",
    ".echo on|off             Turn command echo on or off",
    ".exit ?CODE?             Exit this program with return-code CODE",
    ".fullschema ?--indent?   Show schema and the content of sqlite_stat tables",
    ".headers on|off          Turn display of headers on or off",
    ".help ?-all? ?PATTERN?   Show help text for PATTERN",
    ".import FILE TABLE       Import data from FILE into TABLE",
    "   Options:",
    "     --ascii               Use \\037 and \\036 as column and row separators",
    "     --csv                 Use , and \\n as column and row separators",
    "     --skip N              Skip the first N rows of input",
    "     -v                    \"Verbose\" - increase auxiliary output",
    "   Notes:",
    "     *  If TABLE does not exist, it is created.  The first row of input",
    "        determines the column names.",
    "     *  If neither --csv or --ascii are used, the input mode is derived",
    "        from the \".mode\" output mode",
    ".import-sqlite FILE      Copy the tables, indexes, views and triggers of the",
    "                           SQLite database FILE into this database",
    ".indexes ?TABLE?         Show names of indexes",
    "                           If TABLE is specified, only show indexes for",
    "                           tables matching TABLE using the LIKE operator.",
    ".mode MODE ?OPTIONS?     Set output mode",
    "   MODE is one of:",
    "     ascii       Columns/rows delimited by 0x1F and 0x1E",
    "     box         Tables using unicode box-drawing characters",
    "     csv         Comma-separated values",
    "     column      Output in columns.  (See .width)",
    "     html        HTML <table> code",
    "     insert      SQL insert statements for TABLE",
    "     json        Results in a JSON array",
    "     line        One value per line",
    "     list        Values delimited by \"|\"",
    "     markdown    Markdown table format",
    "     qbox        Shorthand for \"box --wrap 60 --quote\"",
    "     quote       Escape answers as for SQL",
    "     table       ASCII-art table",
    "     tabs        Tab-separated values",
    "   OPTIONS: (for columnar modes or insert mode):",
    "     --wrap N       Wrap output lines to no longer than N characters",
    "     --wordwrap B   Wrap or not at word boundaries per B (on/off)",
    "     --ww           Shorthand for \"--wordwrap 1\"",
    "     --quote        Quote output text as SQL literals",
    "     --noquote      Do not quote output text",
    "     TABLE          The name of SQL table used for \"insert\" mode",
    ".nullvalue STRING        Use STRING in place of NULL values",
    ".once FILE               Output for the next SQL command only to FILE",
    ".open ?OPTIONS? ?FILE?   Close existing database and reopen FILE",
    "     --new           Initialize FILE to an empty database",
    ".output ?FILE?           Send output to FILE or stdout if FILE is omitted",
    ".parameter CMD ...       Manage SQL parameter bindings",
    "   clear                   Erase all bindings",
    "   init                    Initialize the TEMP table that holds bindings",
    "   list                    List the current parameter bindings",
    "   set PARAMETER VALUE     Given SQL parameter PARAMETER a value of VALUE",
    "                           PARAMETER should start with one of: $ : @ ?",
    "   unset PARAMETER         Remove PARAMETER from the binding table",
    ".print STRING...         Print literal STRING",
    ".quit                    Exit this program",
    ".read FILE               Read input from FILE",
    ".schema ?PATTERN?        Show the CREATE statements matching PATTERN",
    ".separator COL ?ROW?     Change the column and row separators",
    ".shell CMD ARGS...       Run CMD ARGS... in a system shell",
    ".show                    Show the current values for various settings",
    ".system CMD ARGS...      Run CMD ARGS... in a system shell",
    ".tables ?TABLE?          List names of tables matching LIKE pattern TABLE",
    ".timeout MS              Try opening locked tables for MS milliseconds",
    ".timer on|off            Turn SQL timer on or off",
    ".width NUM1 NUM2 ...     Set minimum column widths for columnar output",
};

}  // namespace

void Shell::PrintHelp(std::string_view topic) {
  bool printing = false;
  for (std::string_view line : kHelp) {
    if (line.starts_with(".")) {
      // With a topic, the matching entries are shown with their details.
      printing = topic.empty() || line.substr(1).starts_with(topic);
    }
    if (printing && (!topic.empty() || line.starts_with("."))) {
      buffer_.append(line);
      buffer_.push_back('\n');
    }
  }
}

CommandResult Shell::RunMetaCommand(std::string_view line) {
  std::vector<std::string> args = SplitDotCommand(line);
  if (args.empty()) return CommandResult::kOk;
  const bool once_before = once_;
  const std::string typed = args[0].substr(1);
  const std::string_view cmd = Lookup(typed);
  const size_t nargs = args.size();
  CommandResult rc = CommandResult::kOk;
  std::string err;
  auto usage = [&](std::string_view text) {
    err += "Usage: " + std::string(text) + "\n";
    rc = CommandResult::kError;
  };

  if (cmd == "bail") {
    if (nargs == 2)
      bail_ = BooleanValue(args[1], &err);
    else
      usage(".bail on|off");
  } else if (cmd == "changes") {
    if (nargs == 2)
      count_changes_ = BooleanValue(args[1], &err);
    else
      usage(".changes on|off");
  } else if (cmd == "fullschema") {
    rc = DoFullSchema(args);
  } else if (cmd == "indexes" || cmd == "indices") {
    rc = DoIndexes(args);
  } else if (cmd == "parameter") {
    rc = DoParameter(args);
  } else if (cmd == "print") {
    for (size_t i = 1; i < nargs; ++i) {
      if (i > 1) buffer_.push_back(' ');
      buffer_ += args[i];
    }
    buffer_.push_back('\n');
  } else if (cmd == "dump") {
    rc = DoDump(args);
  } else if (cmd == "echo") {
    if (nargs == 2)
      echo_ = BooleanValue(args[1], &err);
    else
      usage(".echo on|off");
  } else if (cmd == "exit" || cmd == "quit") {
    if (cmd == "exit" && nargs > 1) exit_code_ = static_cast<int>(IntegerValue(args[1]));
    rc = CommandResult::kQuit;
  } else if (cmd == "headers") {
    if (nargs == 2) {
      settings_.show_header = BooleanValue(args[1], &err);
      header_set_ = true;
    } else {
      usage(".headers on|off");
    }
  } else if (cmd == "help") {
    PrintHelp(nargs > 1 ? std::string_view(args[1]) : std::string_view());
  } else if (cmd == "import") {
    rc = DoImport(args);
  } else if (cmd == "mode") {
    std::string mode, table;
    ColumnOptions options{60, false, false};
    for (size_t i = 1; i < nargs; ++i) {
      std::string_view z = args[i];
      std::string_view opt = z.starts_with("--") ? z.substr(1) : z;
      if (opt == "-wrap" && i + 1 < nargs) {
        options.wrap = static_cast<int>(IntegerValue(args[++i]));
      } else if (opt == "-ww") {
        options.word_wrap = true;
      } else if (opt == "-wordwrap" && i + 1 < nargs) {
        options.word_wrap = BooleanValue(args[++i], &err);
      } else if (opt == "-quote") {
        options.quote = true;
      } else if (opt == "-noquote") {
        options.quote = false;
      } else if (mode.empty()) {
        mode = std::string(z);
        if (mode == "qbox") {
          mode = "box";
          options = ColumnOptions{60, false, true};
        }
      } else if (table.empty()) {
        table = std::string(z);
      } else if (z.starts_with("-")) {
        err += "unknown option: " + std::string(z) + "\n";
        rc = CommandResult::kError;
      } else {
        err += "extra argument: \"" + std::string(z) + "\"\n";
        rc = CommandResult::kError;
      }
    }
    if (rc == CommandResult::kOk) {
      if (mode.empty()) {
        const ColumnOptions& o = settings_.column_options;
        buffer_ += "current output mode: " + std::string(ModeName(settings_.mode));
        if (IsColumnar(settings_.mode)) {
          buffer_ += " --wrap " + std::to_string(o.wrap) + " --wordwrap " + (o.word_wrap ? "on" : "off") + " --" +
                     (o.quote ? "" : "no") + "quote";
        }
        buffer_ += "\n";
        mode = std::string(ModeName(settings_.mode));
      }
      if (!ApplyMode(mode, table, options, header_set_, &settings_)) {
        // sqlite3 also lists tcl, which this shell lacks.
        err +=
            "Error: mode should be one of: ascii box column csv html insert json line list markdown qbox quote table "
            "tabs\n";
        rc = CommandResult::kError;
      }
    }
  } else if (cmd == "nullvalue") {
    if (nargs == 2)
      settings_.null_text = args[1];
    else
      usage(".nullvalue STRING");
  } else if (cmd == "once" || cmd == "output") {
    if (nargs > 2) {
      usage(cmd == "once" ? ".once FILE" : ".output FILE");
    } else if (cmd == "once" && nargs < 2) {
      usage(".once FILE");
    } else {
      Flush();
      if (!OpenOutput(nargs == 2 ? std::string_view(args[1]) : std::string_view())) {
        rc = CommandResult::kError;
      } else {
        once_ = cmd == "once" && redirect_ != nullptr;
      }
    }
  } else if (cmd == "open") {
    rc = DoOpen(args);
  } else if (cmd == "databases") {
    rc = DoDatabases(args);
  } else if (cmd == "import-sqlite") {
    rc = DoImportSqlite(args);
  } else if (cmd == "read") {
    rc = DoRead(args);
  } else if (cmd == "schema") {
    rc = DoSchema(args);
  } else if (cmd == "separator") {
    if (nargs < 2 || nargs > 3) usage(".separator COL ?ROW?");
    if (nargs >= 2) settings_.col_separator = args[1];
    if (nargs >= 3) settings_.row_separator = args[2];
  } else if (cmd == "backup" || cmd == "save") {
    rc = DoBackup(args);
  } else if (cmd == "shell" || cmd == "system") {
    rc = DoSystem(args);
  } else if (cmd == "show") {
    if (nargs != 1) {
      usage(".show");
    } else {
      rc = DoShow();
    }
  } else if (cmd == "tables") {
    rc = DoTables(args);
  } else if (cmd == "timeout") {
    rc = DoTimeout(args);
  } else if (cmd == "timer") {
    if (nargs == 2)
      timer_ = BooleanValue(args[1], &err);
    else
      usage(".timer on|off");
  } else if (cmd == "width") {
    settings_.col_widths.clear();
    for (size_t i = 1; i < nargs; ++i) settings_.col_widths.push_back(static_cast<int>(IntegerValue(args[i])));
  } else {
    err += "Error: unknown command or invalid arguments:  \"" + typed + "\". Enter \".help\" for help\n";
    rc = CommandResult::kError;
  }
  if (!err.empty()) PrintError(err);
  if (once_before && once_) ResetOutput();  // .once covered this command
  return rc;
}

void Shell::PrintChanges() {
  std::vector<std::vector<std::string>> rows;
  if (!QueryRows("SELECT changes(), total_changes()", &rows) || rows.size() != 1) return;
  buffer_ += "changes: " + rows[0][0] + "   total_changes: " + rows[0][1] + "\n";
  Flush();
}

CommandResult Shell::DoShow() {
  std::string& o = buffer_;
  o += ShowLine("echo", echo_ ? "on" : "off");
  o += ShowLine("eqp", "off");
  o += ShowLine("explain", "auto");
  o += ShowLine("headers", settings_.show_header ? "on" : "off");
  std::string mode(ModeName(settings_.mode));
  if (IsColumnar(settings_.mode)) {
    const ColumnOptions& c = settings_.column_options;
    mode += " --wrap " + std::to_string(c.wrap) + " --wordwrap " + (c.word_wrap ? "on" : "off") + " --" +
            (c.quote ? "" : "no") + "quote";
  }
  o += ShowLine("mode", mode);
  o += ShowLine("nullvalue", CString(settings_.null_text));
  o += ShowLine("output", redirect_ ? redirect_name_ : "stdout");
  o += ShowLine("colseparator", CString(settings_.col_separator));
  o += ShowLine("rowseparator", CString(settings_.row_separator));
  o += ShowLine("stats", "off");
  std::string widths;
  for (int w : settings_.col_widths) widths += std::to_string(w) + " ";
  o += ShowLine("width", widths);
  o += ShowLine("filename", db_name_);
  return CommandResult::kOk;
}

// sqlite3 calls sqlite3_busy_timeout(db, (int)integerValue(arg)), with 0
// when the argument is missing; it validates nothing (".timeout abc" is 0,
// extra arguments are ignored) and prints nothing. The engine gets the same
// setting as PRAGMA busy_timeout=MS; the pragma's result row (the new
// timeout) is not shown.
// .backup ?DB? FILE (and its alias .save): a consistent copy of the
// database as a sluice database file. Only "main" exists here.
CommandResult Shell::DoBackup(const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!args[i].empty() && args[i][0] == '-') {
      PrintError("unknown option: " + args[i] + "\n");
      return CommandResult::kError;
    }
    names.push_back(args[i]);
  }
  if (names.empty()) {
    PrintError("missing FILENAME argument on .backup\n");
    return CommandResult::kError;
  }
  if (names.size() > 2) {
    PrintError("Usage: .backup ?DB? ?OPTIONS? FILENAME\n");
    return CommandResult::kError;
  }
  if (names.size() == 2 && names[0] != "main") {
    PrintError("Error: unknown database " + names[0] + "\n");
    return CommandResult::kError;
  }
  Status s = db_->Backup(names.back());
  if (s.result_code() == ResultCode::kNotADb) {  // an existing file that is not a database: kept
    PrintError("Error: file is not a database\n");
    return CommandResult::kError;
  }
  if (!s.ok()) {
    PrintError("Error: cannot open \"" + names.back() + "\"\n");
    return CommandResult::kError;
  }
  return CommandResult::kOk;
}

CommandResult Shell::DoTimeout(const std::vector<std::string>& args) {
  const int ms = args.size() >= 2 ? static_cast<int>(IntegerValue(args[1])) : 0;
  const std::string sql = "PRAGMA busy_timeout=" + std::to_string(ms);
  PrepareOutcome p = db_->Prepare(sql);
  Status status = p.status;
  if (status.ok() && p.statement) {
    while (true) {
      Result<bool> r = p.statement->Step();
      if (!r.ok()) {
        status = r.status();
        break;
      }
      if (!*r) break;
    }
  }
  if (!status.ok()) {
    PrintError("Error: " + status.message() + "\n");
    return CommandResult::kError;
  }
  return CommandResult::kOk;
}

CommandResult Shell::DoRead(const std::vector<std::string>& args) {
  if (args.size() != 2) {
    PrintError("Usage: .read FILE\n");
    return CommandResult::kError;
  }
  std::FILE* f = std::fopen(args[1].c_str(), "rb");
  // fopen opens a directory for reading on Linux, and reading it then
  // fails as if it were empty: refused as sqlite3 does.
  struct stat st;
  if (f != nullptr && (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode))) {
    std::fclose(f);
    f = nullptr;
  }
  if (f == nullptr) {
    PrintError("Error: cannot open \"" + args[1] + "\"\n");
    return CommandResult::kError;
  }
  FileLineSource source(f);
  CommandResult r = ProcessInput(&source, /*from_file=*/true);
  std::fclose(f);
  if (r == CommandResult::kQuit) return exit_code_ != 0 ? CommandResult::kQuit : CommandResult::kOk;
  return r;
}

}  // namespace sluice::shell
