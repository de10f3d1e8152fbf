// Finding and naming an unknown option (unknown_option.h).
#include "cli/usage/unknown_option.h"

#include <cctype>
#include <cstdlib>

#include "cli/usage/suggest.h"

namespace sluice::cli {
namespace {

// "-3", "-0.5", "-1e9": a negative number, which is a value, not an option.
bool IsNegativeNumber(const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return false;
  char* end = nullptr;
  std::strtod(arg.c_str(), &end);
  return end != nullptr && *end == '\0' && (std::isdigit(static_cast<unsigned char>(arg[1])) || arg[1] == '.');
}

// How many of the arguments after `opt` it takes as values: at least its
// minimum, then more while they do not look like options (as CLI11 does
// for a repeatable option such as --input A B C).
std::size_t ValuesTaken(const CLI::Option& opt, const std::vector<std::string>& args, std::size_t next) {
  const int min_items = opt.get_items_expected_min();
  const int max_items = opt.get_items_expected_max();
  std::size_t taken = 0;
  while (next + taken < args.size()) {
    const std::string& arg = args[next + taken];
    const bool looks_like_option = arg.size() > 1 && arg[0] == '-' && !IsNegativeNumber(arg);
    if (static_cast<int>(taken) >= min_items && (static_cast<int>(taken) >= max_items || looks_like_option)) break;
    ++taken;
  }
  return taken;
}

}  // namespace

std::optional<std::string> FindUnknownOption(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || IsNegativeNumber(arg)) continue;
    if (arg[1] == '-') {
      const std::string name = arg.substr(0, arg.find('='));
      const CLI::Option* opt = app.get_option_no_throw(name);
      if (opt == nullptr) return name;
      if (name.size() == arg.size() && opt->get_items_expected_max() > 0) i += ValuesTaken(*opt, args, i + 1);
      continue;
    }
    // A cluster of short options, "-vq", or one with its value, "-j4".
    for (std::size_t k = 1; k < arg.size(); ++k) {
      const std::string name = std::string("-") + arg[k];
      const CLI::Option* opt = app.get_option_no_throw(name);
      if (opt == nullptr) return k == 1 ? arg : name;  // "-inputformat" as typed, or the "-x" of "-qx"
      if (opt->get_items_expected_max() > 0) {
        if (k + 1 == arg.size()) i += ValuesTaken(*opt, args, i + 1);
        break;  // the rest of the cluster is the value
      }
    }
  }
  return std::nullopt;
}

std::string UnknownOptionMessage(const CLI::App& app, const std::string& option) {
  std::string message = "unknown option '" + option + "'";
  // "-x" is a short option, not a misspelt word; "--paralel" and
  // "-paralel" (Hadoop's single dash) are compared with the long names.
  const std::size_t word = option.find_first_not_of('-');
  if (option.size() <= 2 || word == std::string::npos) return message;
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const std::string& name : opt->get_lnames()) names.push_back(name);
  }
  std::vector<std::string> suggestions = Suggest(option.substr(word), names);
  for (std::string& s : suggestions) s = "--" + s;
  return message + DidYouMean(suggestions);
}

std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

}  // namespace sluice::cli
