// `sluice demo`: registers the subcommand; the tour is src/chapter's
// (demo_main.h).
#include "chapter/demo_main.h"
#include "cli/command.h"

namespace sluice::cli {

CommandAction RegisterDemo(CLI::App& app) {
  app.add_subcommand("demo", "Tour of lazy streams and parallel primitives (chapter 4.2 and 4.8)");
  return [] { return chapter::DemoMain(); };
}

}  // namespace sluice::cli
