// The `sluice particles` program: the chapter 4.8 particle simulator.
//
//   sluice particles [-n N] [-s STEPS] [--mode serial|threads|processes]
//                    [-j N] [--algorithm naive|cells] [--normalize]
//                    [--seed S] [--init grid|random] [--dt DT] [--stats K]
//                    [--png FILE] [--html FILE] [--html-every K]
//
// Prints `--stats` lines while running, then the chapter's closing line
// ("serial simulation took 0.0197 seconds", "multithreaded ...",
// "multiprocess ...") and the final energy. When stderr is a terminal, a
// run longer than a second keeps a progress line (steps/s, ETA) there
// (progress_line.h), erased before anything else is printed. Bad options
// and unwritable output files exit 2 before anything runs; a run that
// blows up exits 1 naming the step. --png and --html files are written
// after the run, atomically (output_file.h): a failed, interrupted or
// killed run leaves an existing file as it was and no partial one.
//
// src/cli registers the subcommand and its options (AddParticlesOptions, so
// `sluice particles --help` lists them) and runs ParticlesMain with what
// CLI11 parsed.
#ifndef SLUICE_PARTICLES_PARTICLES_MAIN_H_
#define SLUICE_PARTICLES_PARTICLES_MAIN_H_

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "particles/initial_state.h"
#include "particles/physics.h"

namespace sluice::particles {

// The command line as parsed, before any check.
struct ParticlesFlags {
  long long n = 20;
  long long steps = 1000;
  std::string mode = "serial";
  std::optional<long long> jobs;
  std::optional<std::string> algorithm;
  bool normalize = false;
  long long seed = kDefaultSeed;
  std::string init = "grid";
  double dt = Physics::kDefaultDt;
  long long stats = 0;
  std::string png, html;
  long long html_every = 0;
};

// Adds the options to `cmd` (the `particles` subcommand), parsed into
// *flags. Lifetime: *flags outlives the parse.
void AddParticlesOptions(CLI::App& cmd, ParticlesFlags* flags);

// Checks the options, runs the simulation; returns the exit status.
int ParticlesMain(const ParticlesFlags& flags);

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_PARTICLES_MAIN_H_
