// Whether a failed streaming program could not run at all — so retrying it
// is pointless — and a hint saying why, from a look at the command's file.
//
// /bin/sh reports a command it cannot run by its exit status: 127 (not
// found: no such file, not on PATH, or its #! interpreter is missing) and
// 126 (found but not executable: permissions, a directory). A file without
// a #! line is run by sh as a shell script, which for a Python or Perl
// program ends in an sh "Syntax error" with status 2. These are the cases
// reported here; every other failure is an ordinary one, retried.
//
// Examples of hints: "'./mapper.py' does not exist in /home/u/job";
// "'mapper.py' is not on the tasks' PATH, but ./mapper.py exists: write
// ./mapper.py"; "'./m.py' is not executable: chmod +x ./m.py, or name its
// interpreter (\"python3 ./m.py\")"; "'./m.py' has no #! line, so /bin/sh
// ran it as a shell script: ..."; "the #! line of './m.py' ends in a
// carriage return (DOS line endings): ...".
#ifndef SLUICE_MAPREDUCE_CANNOT_RUN_H_
#define SLUICE_MAPREDUCE_CANNOT_RUN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapreduce {

// `exit_status`: the program's (sh's) exit status; `stderr_tail`: the last
// lines it wrote on stderr; `environment` ("NAME=value", its PATH is
// searched) and `working_dir` (empty: ours) as the program ran. Returns
// nothing for an ordinary failure, else what went wrong, as a hint.
std::optional<std::string> DiagnoseCannotRun(const std::string& command, int exit_status, std::string_view stderr_tail,
                                             const std::vector<std::string>& environment,
                                             const std::string& working_dir);

}  // namespace sluice::mapreduce

#endif  // SLUICE_MAPREDUCE_CANNOT_RUN_H_
