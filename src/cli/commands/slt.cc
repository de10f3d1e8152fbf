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
  return [flags] { return slt::SltMain(*flags); };
}

}  // namespace sluice::cli
