// Open-failure messages of the shell (open_error.h).
#include "shell/open_error.h"

namespace sluice::shell {

std::string OpenFailureText(const std::string& path, const Status& status) {
  return "Error: unable to open database \"" + path + "\": " + status.message() + "\n";
}

}  // namespace sluice::shell
