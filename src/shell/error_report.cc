// Error wording of the shell (error_report.h).
#include "shell/error_report.h"

#include "shell/input_scan.h"

namespace sluice::shell {

namespace {

// save_err_msg(): "MESSAGE[ (N)][context]", the part after the phase.
std::string ErrorTail(const Status& error, std::string_view failed_sql) {
  std::string tail = error.message();
  const int rc = static_cast<int>(error.result_code());
  if (rc > 1) tail += " (" + std::to_string(rc) + ")";
  // sqlite3 passes the statement text only to the prepare error's context.
  if (error.phase() == ErrorPhase::kPrepare) tail += ErrorContext(failed_sql, error.error_offset());
  return tail;
}

}  // namespace

std::string SqlErrorReport(const Status& error, std::string_view failed_sql, SqlErrorSource source, int line) {
  const ErrorPhase phase = error.phase();
  std::string out;
  if (source == SqlErrorSource::kArgument) {
    out = "Error: ";
    if (phase == ErrorPhase::kPrepare) out += "in prepare, ";
    if (phase == ErrorPhase::kStep) out += "stepping, ";
  } else {
    out = phase == ErrorPhase::kPrepare ? "Parse error" : phase == ErrorPhase::kStep ? "Runtime error" : "Error";
    if (source == SqlErrorSource::kScript) out += " near line " + std::to_string(line);
    out += ": ";
  }
  out += ErrorTail(error, failed_sql);
  out.push_back('\n');
  return out;
}

int SqlErrorExitStatus(const Status& error) { return static_cast<int>(error.result_code()); }

std::string ErrorContext(std::string_view sql, int64_t offset) {
  if (offset < 0) return "";
  size_t start = 0;
  // Keep the spot within the first 50 bytes, moving by whole UTF-8 characters.
  while (offset > 50) {
    --offset;
    ++start;
    while (start < sql.size() && (static_cast<unsigned char>(sql[start]) & 0xc0) == 0x80) {
      ++start;
      --offset;
    }
  }
  std::string_view rest = start < sql.size() ? sql.substr(start) : std::string_view();
  size_t nul = rest.find('\0');
  if (nul != std::string_view::npos) rest = rest.substr(0, nul);
  size_t len = rest.size();
  if (len > 78) {
    len = 78;
    while (len > 0 && (static_cast<unsigned char>(rest[len]) & 0xc0) == 0x80) --len;
  }
  std::string code(rest.substr(0, len));
  for (char& c : code) {
    if (IsSpaceChar(c)) c = ' ';
  }
  std::string out = "\n  " + code + "\n  ";
  if (offset < 25) {
    out.append(static_cast<size_t>(offset), ' ');
    out.append("^--- error here");
  } else {
    out.append(static_cast<size_t>(offset - 14), ' ');
    out.append("error here ---^");
  }
  return out;
}

}  // namespace sluice::shell
