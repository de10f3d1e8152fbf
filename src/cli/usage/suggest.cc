// Did-you-mean suggestions (suggest.h).
#include "cli/usage/suggest.h"

#include <algorithm>

namespace sluice::cli {
namespace {

std::string Lower(std::string_view s) {
  std::string lower(s);
  for (char& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return lower;
}

}  // namespace

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // d[i][j]: distance between a[0, i) and b[0, j); three rows suffice for
  // the adjacent-swap case, which looks two rows back.
  const std::size_t m = a.size(), n = b.size();
  std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
  for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= m; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[n];
}

std::vector<std::string> Suggest(std::string_view word, const std::vector<std::string>& candidates) {
  if (std::find(candidates.begin(), candidates.end(), word) != candidates.end()) return {};
  const std::size_t allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::size_t best = allowed + 1;
  std::vector<std::string> closest;
  const std::string lower_word = Lower(word);
  for (const std::string& c : candidates) {
    // Case is a slip of the shift key, not an edit: "SQL" is "sql".
    const std::size_t d = EditDistance(lower_word, Lower(c));
    // A distance as long as the candidate is a replacement, not a typo.
    if (d >= c.size() || d > best) continue;
    if (d < best) closest.clear();
    best = d;
    if (std::find(closest.begin(), closest.end(), c) == closest.end()) closest.push_back(c);
  }
  if (!closest.empty() || word.size() < 2) return closest;
  for (const std::string& c : candidates) {
    if (c.size() > word.size() && c.compare(0, word.size(), word) == 0 &&
        std::find(closest.begin(), closest.end(), c) == closest.end()) {
      closest.push_back(c);
    }
  }
  return closest;
}

std::string DidYouMean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  std::string text = " (did you mean ";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) text += i + 1 == suggestions.size() ? " or " : ", ";
    text += "'" + suggestions[i] + "'";
  }
  return text + "?)";
}

}  // namespace sluice::cli
