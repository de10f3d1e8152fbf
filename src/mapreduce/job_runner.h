// RunJob: the engine shared by streaming and native jobs.
//
//   plan splits -> map phase (up to `parallel` tasks at once; each attempt
//   partitions with Hadoop's HashPartitioner, sorts in its share of
//   --sort-memory, combines and spills compressed runs) -> reduce phase
//   (each partition's runs k-way merged in bounded memory, in map-task
//   order, so values arrive in the same order whatever the parallelism) ->
//   commit.
//
// Attempts: a failed attempt is retried from scratch up to max_attempts; the
// job then fails naming the task, the attempt's failure and its stderr tail.
//
// Files: OUTPUT/_temporary holds spills and attempts' output; a task commits
// by renaming its part file into OUTPUT/_temporary, the job by renaming all
// of them into OUTPUT and writing _SUCCESS. A failed or cancelled job
// removes OUTPUT again (except OUTPUT/_logs, the attempts' stderr logs,
// when there are any), so no partial part file is ever left behind.
// --overwrite of an existing OUTPUT runs the job in .OUTPUT.sluice-new beside
// it and swaps the two only after success: a failed or interrupted job leaves
// the old output as it was (and its logs, if any, in .OUTPUT.sluice-new).
// Spills, part files, the commit renames, _SUCCESS and the swap go through
// options.env (null: Env::Default()), so a test can fail any of them; the
// directories are made and removed with std::filesystem.
#ifndef SLUICE_MAPREDUCE_JOB_RUNNER_H_
#define SLUICE_MAPREDUCE_JOB_RUNNER_H_

#include "mapreduce/task_logic.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {

// An error Result: the job could not start (nothing was written). Otherwise
// JobResult.status tells success, failure or cancellation. Prints progress
// and the final counter summary to stderr as options.progress says.
Result<JobResult> RunJob(TaskLogic& logic, const JobOptions& options);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_JOB_RUNNER_H_
