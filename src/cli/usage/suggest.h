// "Did you mean ...?": the names closest to a mistyped one.
//
// Used for unknown subcommands (`sluice sqll`) and options (`--paralel`),
// as git and cargo do. Pure string functions, no CLI11: unknown_option.h
// feeds them the names an app knows.
#ifndef SLUICE_CLI_USAGE_SUGGEST_H_
#define SLUICE_CLI_USAGE_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::cli {

// The optimal-string-alignment distance between `a` and `b`: the fewest
// insertions, deletions, substitutions and swaps of two adjacent bytes
// that turn one into the other ("sqll" -> "sql" is 1, "rnu" -> "run" is 1).
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidates `word` is most likely a typo of, in the order given:
// those at the smallest edit distance, ignoring ASCII case, when it is
// small for the word's length (1 up to 4 bytes, 2 up to 8, 3 beyond), else
// those that `word` is a prefix of (at least 2 bytes of it). Empty when
// nothing is close, and when `word` is itself a candidate.
std::vector<std::string> Suggest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'a'?)", " (did you mean 'a' or 'b'?)", or "" when
// `suggestions` is empty: to append to an error message.
std::string DidYouMean(const std::vector<std::string>& suggestions);

}  // namespace sluice::cli

#endif  // SLUICE_CLI_USAGE_SUGGEST_H_
