// HelpFormatter: `--help` without the parser's type noise.
//
// CLI11 shows an option's C++ type and its validators' descriptions:
// "--reducers UINT:INT in [0 to 100000]", "--format TEXT:{text,json}".
// This formatter shows one placeholder instead -- the option's own
// type_name ("N", "FILE", "URL" ...) with the validator text dropped, and
// CLI11's generic names made plain (INT, UINT -> N; FLOAT -> NUM) -- and
// leaves ranges and choices to the option's description, in words.
// Positionals show only their name ("TESTFILE..."), REQUIRED is
// "(required)". Everything else is CLI11's Formatter.
//
// A subcommand inherits its parent's formatter when it is added, so
// main.cc sets this one on the `sluice` app before registering them; a
// front end that parses with its own CLI::App (mr_main.cc) sets it there.
#ifndef SLUICE_CLI_USAGE_HELP_FORMATTER_H_
#define SLUICE_CLI_USAGE_HELP_FORMATTER_H_

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

namespace sluice::cli {

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override;
};

// The placeholder shown after an option: its type name without the
// validators' ":..." descriptions, INT/UINT as N, FLOAT as NUM.
std::string Placeholder(const CLI::Option& opt);

// Sets HelpFormatter on `app` (inherited by subcommands added later).
void UsePlainHelp(CLI::App& app);

}  // namespace sluice::cli

#endif  // SLUICE_CLI_USAGE_HELP_FORMATTER_H_
