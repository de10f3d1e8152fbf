// Output files of `sluice particles` (--png, --html), replaced atomically:
// a reader, or a run that is interrupted, sees the previous file or the
// complete new one, never a 0-byte or half-written file.
//
// CheckOutputPath runs before the simulation and touches nothing: it only
// proves that ReplaceOutputFile will be able to create a file beside the
// target (so an unwritable path fails before a long run, not after it).
//
// ReplaceOutputFile writes the bytes to a temporary file in the target's
// directory and renames it over the target:
//   - the temporary file is unnamed while it is written (Linux O_TMPFILE),
//     so a SIGKILL during the write leaves nothing behind; it gets a hidden
//     name (".NAME.sluice-tmp-PID-K") only for the link + rename at the end.
//     Where O_TMPFILE is unsupported it is named from the start;
//   - while a named temporary exists, SIGINT, SIGTERM, SIGHUP and SIGPIPE
//     remove it before the signal takes its default effect;
//   - the data is fsync'ed before the rename and the directory after, so a
//     crash cannot leave a 0-byte file in the target's place;
//   - a replaced file keeps its permission bits; a new one gets
//     0666 & ~umask, as fopen would give it.
// A symlink at the target is followed (the file it names is replaced, the
// link kept). A target that exists and is not a regular file (/dev/null, a
// FIFO, /dev/stdout) is written in place, since replacing a device node by
// rename would be wrong; a directory is refused.
//
// Errors: IOError "cannot write 'PATH': REASON"; when the directory does not
// let us create the temporary file, REASON says so (the target itself may be
// writable: it is still not written in place, which could leave it partial).
#ifndef SLUICE_PARTICLES_OUTPUT_FILE_H_
#define SLUICE_PARTICLES_OUTPUT_FILE_H_

#include <string>
#include <string_view>

#include "sluice/status.h"

namespace sluice::particles {

// OK if ReplaceOutputFile(path, ...) can be expected to succeed now.
Status CheckOutputPath(const std::string& path);

// Whether `a` and `b` name the same file that ReplaceOutputFile would
// replace (a regular file, or nothing yet), however spelt: "x.png",
// "./x.png", a symlink to it. False for devices such as /dev/null, which two
// outputs may share.
bool SameOutputFile(const std::string& a, const std::string& b);

// Replaces the file at `path` with `data`, atomically (see above).
Status ReplaceOutputFile(const std::string& path, std::string_view data);

namespace internal {
// ReplaceOutputFile through a temporary file named from the start, the
// fallback where O_TMPFILE is unsupported (exposed for tests).
Status ReplaceOutputFileNamed(const std::string& path, std::string_view data);
}  // namespace internal

}  // namespace sluice::particles

#endif  // SLUICE_PARTICLES_OUTPUT_FILE_H_
