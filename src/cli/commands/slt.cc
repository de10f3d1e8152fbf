// `sluice slt`: registers the subcommand; its options and program are
// src/slt's (slt_main.h).
#include <memory>

#include "cli/command.h"
#include "slt/slt_main.h"

namespace sluice::cli {

CommandAction RegisterSlt(CLI::App& app) {
  auto flags = std::make_shared<slt::SltFlags>();
  CLI::App* sub = app.add_subcommand("slt", "Run sqllogictest files against the SQL engine");
  slt::AddSltOptions(*sub, flags.get());
  // The statuses SltMain returns (slt_main.h).
  sub->footer(
      "Exit status: 0 every record passed (or was skipped); 1 a record failed, or a test file or\n"
      "the database could not be opened; 2 usage error (e.g. a directory holding no test file).");
  return [flags] { return slt::SltMain(*flags); };
}

}  // namespace sluice::cli
