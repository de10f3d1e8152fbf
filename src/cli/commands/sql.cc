// `sluice sql`: the sqlite3-compatible SQL shell (src/shell). The options
// are sqlite3's single-dash ones (-csv, -cmd ...), parsed by
// shell::ShellMain rather than CLI11, so the subcommand passes every
// argument through untouched.
#include <string>
#include <vector>

#include "cli/command.h"
#include "shell/shell_main.h"

namespace sluice::cli {

CommandAction RegisterSql(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "sql", "SQL shell compatible with sqlite3: sluice sql [OPTIONS] [DBFILE] [SQL...] (-help for options)");
  sub->set_help_flag();  // -help/--help are the shell's own
  sub->allow_extras();
  sub->prefix_command();
  return [sub] {
    std::vector<std::string> args = sub->remaining();
    return shell::ShellMain(args);
  };
}

}  // namespace sluice::cli
