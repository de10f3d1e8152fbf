// The `sluice mr run` program: runs a Hadoop Streaming job locally.
//
//   sluice mr run --mapper CMD --reducer CMD [--combiner CMD] --input PATH...
//                 --output DIR [--reducers R] [--parallel N] [--max-attempts K]
//                 [--sort-memory SIZE] [--split-size SIZE] [--task-timeout DUR]
//                 [--file FILE]... [--cmdenv NAME=VALUE]... [--overwrite] [--quiet]
//
// Hadoop's spellings are accepted too (-mapper -reducer -combiner -input
// -output -numReduceTasks -file -cmdenv, and `-reducer NONE` for a map-only
// job), so a job's command line carries over from `hadoop jar
// hadoop-streaming.jar` by changing the program name.
//
// Exit status: 0 the job succeeded; 1 it failed (a task ran out of
// attempts); 2 usage or setup error (nothing written); 130 interrupted
// (Ctrl-C; children killed, partial output removed).
//
// src/cli registers the `mr` subcommand and hands MrMain every argument
// after `mr` unparsed (CLI11 would reject Hadoop's single-dash long
// options); MrMain parses them itself, with CLI11.
#ifndef SLUICE_MAPREDUCE_MR_MAIN_H_
#define SLUICE_MAPREDUCE_MR_MAIN_H_

#include <string>
#include <vector>

namespace sluice::mapreduce {

// `args`: what follows `sluice mr` ("run", then its options). Prints usage
// errors, progress and the summary on stderr; returns the exit status.
// Handles SIGINT/SIGTERM/SIGHUP while the job runs (see above).
int MrMain(std::vector<std::string> args);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_MR_MAIN_H_
