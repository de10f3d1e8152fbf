// Streaming jobs: mapper, combiner and reducer are commands (Hadoop
// Streaming's contract), run as processes by RunStreamingProcess.
//
// Each task gets sluice's environment plus Hadoop's task variables
// (mapreduce_job_id, mapreduce_task_id, mapreduce_task_attempt_id,
// mapreduce_task_partition, mapreduce_task_ismap, mapreduce_map_input_file,
// mapreduce_map_input_start, mapreduce_map_input_length,
// mapreduce_job_maps, mapreduce_job_reduces,
// mapreduce_output_fileoutputformat_outputdir, and the old mapred_*/
// map_input_file names), and a job directory in front of PATH and
// PYTHONPATH holding `mr.py` (the chapter's companion module) and the files
// given with --file (Hadoop's -file: shipped into the task's directory).
#ifndef SLUICE_MAPREDUCE_STREAMING_JOB_H_
#define SLUICE_MAPREDUCE_STREAMING_JOB_H_

#include <string>
#include <vector>

#include "sluice/mapreduce.h"

namespace sluice::mapreduce {

struct StreamingJob {
  std::string mapper;
  std::string reducer;              // required unless options.reducers == 0
  std::string combiner;             // optional
  std::vector<std::string> files;   // shipped to the job directory
  std::vector<std::string> cmdenv;  // extra "NAME=value" for every task (Hadoop's -cmdenv)
};

// As RunNativeJob (sluice/mapreduce.h).
Result<JobResult> RunStreamingJob(const StreamingJob& job, const JobOptions& options);

// The text of python/mr.py, built into the binary.
extern const char* const kMrPySource;

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_STREAMING_JOB_H_
