// `sluice particles`: registers the subcommand; its options and program are
// src/particles's (particles_main.h).
#include <memory>

#include "cli/command.h"
#include "particles/particles_main.h"

namespace sluice::cli {

CommandAction RegisterParticles(CLI::App& app) {
  auto flags = std::make_shared<particles::ParticlesFlags>();
  CLI::App* sub = app.add_subcommand("particles", "Simulate particles (chapter 4.8): serial, threads or processes");
  particles::AddParticlesOptions(*sub, flags.get());
  // The statuses ParticlesMain returns (particles_main.h).
  sub->footer(
      "Exit status: 0 the run finished; 1 it failed (the simulation blew up, a worker process died)\n"
      "or --png/--html could not be written; 2 bad options or an unwritable output file (nothing run).");
  return [flags] { return particles::ParticlesMain(*flags); };
}

}  // namespace sluice::cli
