// PipeHolders: the processes that have a given pipe as their stdin, stdout
// or stderr — how a streaming run (streaming_process.cc) finds the
// descendants that left its process group (setsid, setpgid) but still hold
// its stdout or stderr, to kill them with the group. Only a task's
// processes hold those pipes as 0, 1 or 2: sluice's own ends are
// close-on-exec at other numbers (a child of a concurrent posix_spawn has
// copies of them there until its exec, which must not count).
//
// Reads /proc/PID/fd/{0,1,2} of every process it may read (the user's own):
// a walk of the process table, for the rare runs whose pipes outlive the
// group.
#ifndef SLUICE_MAPREDUCE_PIPE_HOLDERS_H_
#define SLUICE_MAPREDUCE_PIPE_HOLDERS_H_

#include <sys/types.h>

#include <vector>

namespace sluice::mapreduce {

// The processes other than this one whose descriptor 0, 1 or 2 is the pipe
// that `fd` is one end of (empty when `fd` is not a pipe).
std::vector<pid_t> PipeHolders(int fd);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_PIPE_HOLDERS_H_
