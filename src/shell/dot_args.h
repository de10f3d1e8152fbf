// Splitting a dot-command line into arguments, as sqlite3 3.40 does.
//
// Role: the lexical layer of the dot commands (meta_commands.cc).
// Arguments are separated by whitespace; '...' quotes literally, "..."
// quotes with C-style backslash escapes, and unquoted words have their
// backslash escapes resolved too (\t, \n, \\, \NNN octal, ...).
#ifndef SLUICE_SHELL_DOT_ARGS_H_
#define SLUICE_SHELL_DOT_ARGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace sluice::shell {

// The arguments of `line` (which starts with '.'); the first one is the
// command name including its '.'.
std::vector<std::string> SplitDotCommand(std::string_view line);

// sqlite3's resolve_backslashes().
std::string ResolveBackslashes(std::string_view text);

// sqlite3's booleanValue(): on/yes/true/1... → true, off/no/false/0 →
// false; anything else prints `ERROR: Not a boolean value: "x". Assuming
// "no".` to `err` and yields false.
bool BooleanValue(std::string_view arg, std::string* err);

// sqlite3's integerValue(): decimal or 0x hex with optional KiB/MB/... suffix;
// garbage yields the numeric prefix (0).
long long IntegerValue(std::string_view arg);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_DOT_ARGS_H_
