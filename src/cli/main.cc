// Entry point of the `sluice` binary: parses the command line with CLI11 and
// dispatches to one subcommand. Usage errors (unknown subcommand, bad flag,
// missing subcommand) print a one-line reason -- with a did-you-mean hint
// when the name is close to a real one -- plus a pointer to --help, and
// exit with 2.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/usage/help_formatter.h"
#include "cli/usage/suggest.h"
#include "cli/usage/unknown_option.h"
#include "sluice/version.h"

namespace {

int UsageError(const std::string& who, const std::string& reason, const std::string& help) {
  std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", who.c_str(), reason.c_str(), help.c_str());
  return sluice::cli::kExitUsage;
}

int Main(int argc, char** argv) {
  CLI::App app{"sluice: a data-processing engine (streams, SQL, logic, MapReduce, parallel tools)", "sluice"};
  // Before the subcommands are added: they inherit it.
  sluice::cli::UsePlainHelp(app);
  app.set_version_flag("-V,--version", std::string("sluice ") + SLUICE_VERSION);
  // At most one subcommand; a missing one is reported after parsing, so that
  // a bad flag is named as such rather than as a missing subcommand.
  app.require_subcommand(0, 1);

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
  // Each subcommand's footer gives its own exit statuses; this one is the
  // top-level help's only. `sluice sql --help` is the shell's own, as
  // sqlite3's, so its statuses (shell_main.h) are said here.
  app.footer(
      "Exit status: 0 success, 1 the command ran and found a problem, 2 usage error; each\n"
      "subcommand's --help says what its statuses mean. 'sluice sql' exits as sqlite3 does: 1 when\n"
      "a statement or command failed (or on a bad option), the SQLite result code of a failed SQL\n"
      "argument (19 for a constraint), N after .exit N.\n"
      "Run 'sluice SUBCOMMAND --help' for the options of a subcommand.");

  // CLI11 would report a mistyped subcommand as "A subcommand is required";
  // name it instead, with the subcommands it is close to.
  CLI::App* sub = nullptr;
  if (argc > 1 && argv[1][0] != '-') {
    for (CLI::App* s : app.get_subcommands({})) {
      if (s->check_name(argv[1])) sub = s;
    }
    if (sub == nullptr) {
      const std::vector<std::string> close = sluice::cli::Suggest(argv[1], sluice::cli::SubcommandNames(app));
      return UsageError("sluice", std::string("unknown subcommand '") + argv[1] + "'" + sluice::cli::DidYouMean(close),
                        "sluice");
    }
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
    // Name a mistyped option first: CLI11 reports it late and vaguely
    // ("--x is required", or the option's value as an unexpected argument).
    CLI::App& parsed = sub != nullptr ? *sub : app;
    const std::string who = sub != nullptr ? "sluice " + sub->get_name() : "sluice";
    const std::vector<std::string> args(argv + (sub != nullptr ? 2 : 1), argv + argc);
    if (auto unknown = sluice::cli::FindUnknownOption(parsed, args)) {
      return UsageError(who, sluice::cli::UnknownOptionMessage(parsed, *unknown), who);
    }
    return UsageError(who, e.what(), who);
  }
  for (CLI::App* chosen : app.get_subcommands()) {
    auto it = actions.find(chosen);
    if (it != actions.end()) return it->second();
  }
  return UsageError("sluice", "no subcommand given", "sluice");
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
