// Entry point of the `sluice` binary: parses the command line with CLI11 and
// dispatches to one subcommand. Usage errors (unknown subcommand, bad flag,
// missing subcommand) print a one-line reason plus a hint and exit with 2.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "sluice/version.h"

namespace {

int Main(int argc, char** argv) {
  CLI::App app{"sluice: a data-processing engine (streams, SQL, logic, MapReduce, parallel tools)", "sluice"};
  app.set_version_flag("-V,--version", std::string("sluice ") + SLUICE_VERSION);
  // At most one subcommand; a missing one is reported after parsing, so that
  // a bad flag is named as such rather than as a missing subcommand.
  app.require_subcommand(0, 1);
  app.footer(
      "Exit status: 0 success, 1 the command found a problem, 2 usage or fatal error.\n"
      "Run 'sluice SUBCOMMAND --help' for the options of a subcommand.");

  std::map<CLI::App*, sluice::cli::CommandAction> actions;
  auto add = [&](sluice::cli::CommandAction (*reg)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    sluice::cli::CommandAction action = reg(app);
    actions[app.get_subcommands({})[before]] = std::move(action);
  };
  add(&sluice::cli::RegisterDemo);
  add(&sluice::cli::RegisterSql);
  add(&sluice::cli::RegisterSlt);
  add(&sluice::cli::RegisterCrawl);
  add(&sluice::cli::RegisterMr);
  add(&sluice::cli::RegisterParticles);

  // CLI11 would report a mistyped subcommand as "A subcommand is required";
  // name it instead.
  auto is_subcommand = [&](const char* name) {
    for (CLI::App* sub : app.get_subcommands({})) {
      if (sub->check_name(name)) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_subcommand(argv[1])) {
    std::fprintf(stderr, "sluice: unknown subcommand '%s'\nRun 'sluice --help' for usage.\n", argv[1]);
    return sluice::cli::kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "sluice: %s\nRun 'sluice --help' for usage.\n", e.what());
    return sluice::cli::kExitUsage;
  }
  for (CLI::App* sub : app.get_subcommands()) {
    auto it = actions.find(sub);
    if (it != actions.end()) return it->second();
  }
  std::fprintf(stderr, "sluice: no subcommand given\nRun 'sluice --help' for usage.\n");
  return sluice::cli::kExitUsage;
}

// Output that could not be written (a full disk, a closed pipe end) must
// not end in exit status 0: every subcommand's stdout is flushed and
// checked here.
int CheckStdout(int status) {
  errno = 0;
  bool flushed = std::fflush(stdout) == 0;
  if (flushed && !std::ferror(stdout)) return status;
  int err = errno;
  std::fprintf(stderr, "sluice: error writing to standard output%s%s\n", err != 0 ? ": " : "",
               err != 0 ? std::strerror(err) : "");
  return status != 0 ? status : 1;
}

}  // namespace

int main(int argc, char** argv) { return CheckStdout(Main(argc, argv)); }
