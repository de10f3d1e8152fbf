// HelpFormatter (help_formatter.h).
#include "cli/usage/help_formatter.h"

namespace sluice::cli {

std::string Placeholder(const CLI::Option& opt) {
  std::string name = opt.get_type_name();
  name = name.substr(0, name.find(':'));  // validators append ":DESCRIPTION"
  if (name == "INT" || name == "UINT") return "N";
  if (name == "FLOAT") return "NUM";
  return name;
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  if (!opt->get_option_text().empty()) return " " + opt->get_option_text();
  std::string out;
  const bool repeatable = opt->get_expected_max() == CLI::detail::expected_max_vector_size;
  if (!opt->nonpositional()) {
    if (repeatable) out += "...";
  } else if (opt->get_items_expected_max() != 0) {  // not a flag
    const std::string placeholder = Placeholder(*opt);
    if (!placeholder.empty()) out += " " + placeholder;
    if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
    if (repeatable) out += "...";
  }
  if (opt->get_required()) out += " (required)";
  return out;
}

void UsePlainHelp(CLI::App& app) { app.formatter(std::make_shared<HelpFormatter>()); }

}  // namespace sluice::cli
