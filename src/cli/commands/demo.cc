// `sluice demo`: registers the subcommand; the tour is src/chapter's
// (demo_main.h).
#include "chapter/demo_main.h"
#include "cli/command.h"

namespace sluice::cli {

CommandAction RegisterDemo(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("demo", "Tour of lazy streams and parallel primitives (chapter 4.2 and 4.8)");
  // DemoMain always runs the whole tour and returns 0.
  sub->footer("Exit status: 0 after the whole tour, 2 usage error.");
  return [] { return chapter::DemoMain(); };
}

}  // namespace sluice::cli
