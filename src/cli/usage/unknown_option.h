// Naming the option a command line got wrong, with a did-you-mean hint.
//
// CLI11 reports a mistyped option late and vaguely: `sluice mr run
// --mappers cat ...` fails with "--mapper is required", `sluice crawl
// --paralel 2 URL` with "The following arguments were not expected: URL
// --paralel". After CLI11 has rejected a command line, FindUnknownOption
// looks for the first argument that looks like an option the app does not
// have, so the error can name it: "unknown option '--paralel' (did you
// mean '--parallel'?)".
#ifndef SLUICE_CLI_USAGE_UNKNOWN_OPTION_H_
#define SLUICE_CLI_USAGE_UNKNOWN_OPTION_H_

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sluice::cli {

// The first argument of `args` (the arguments after the app's own name)
// that is spelt as an option -- `--name`, `--name=value`, `-x`, `-xyz` --
// but names none of `app`'s, as typed: `--name` without its `=value`, a
// single-dash word whole, the unknown `-x` within a cluster of known ones.
// Skips what cannot be an option: the values that follow an option taking
// them, negative numbers, "-", and everything after "--". nullopt when
// every option-like argument is known.
std::optional<std::string> FindUnknownOption(const CLI::App& app, const std::vector<std::string>& args);

// "unknown option '--paralel'" plus, when a long option of `app` is close,
// " (did you mean '--parallel'?)". A word after a single dash ("-mappers")
// is compared with the long options too; "-x" gets no hint.
std::string UnknownOptionMessage(const CLI::App& app, const std::string& option);

// The names of `app`'s subcommands, for Suggest.
std::vector<std::string> SubcommandNames(const CLI::App& app);

}  // namespace sluice::cli

#endif  // SLUICE_CLI_USAGE_UNKNOWN_OPTION_H_
