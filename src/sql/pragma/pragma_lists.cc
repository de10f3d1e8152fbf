// user_version, application_id, collation_list, function_list and
// compile_options (pragma_lists.h).
#include "sql/pragma/pragma_lists.h"

#include <algorithm>
#include <tuple>

#include "sql/function/function_registry.h"
#include "sql/function/pattern.h"
#include "sql/value/length_limit.h"

namespace sluice::sql {

namespace {

// sqlite3's function flags as PRAGMA function_list shows them.
constexpr int64_t kDeterministic = 0x800;  // SQLITE_DETERMINISTIC
constexpr int64_t kInnocuous = 0x200000;   // SQLITE_INNOCUOUS

std::string CompilerOption() {
#if defined(__clang__)
  return "COMPILER=clang-" + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
         std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
  return "COMPILER=gcc-" + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
         std::to_string(__GNUC_PATCHLEVEL__);
#else
  return "";
#endif
}

}  // namespace

PragmaRowSet UserVersionRows(const PragmaContext& ctx, const std::optional<std::string>&) {
  return {{Value::Integer(ctx.catalog.user_version())}};
}

PragmaRowSet ApplicationIdRows(const PragmaContext& ctx, const std::optional<std::string>&) {
  return {{Value::Integer(ctx.catalog.application_id())}};
}

PragmaRowSet CollationListRows(const PragmaContext&, const std::optional<std::string>&) {
  PragmaRowSet rows;
  for (const char* name : {"RTRIM", "NOCASE", "BINARY"}) {
    rows.push_back({Value::Integer(static_cast<int64_t>(rows.size())), Value::Text(name)});
  }
  return rows;
}

PragmaRowSet FunctionListRows(const PragmaContext&, const std::optional<std::string>&) {
  struct Row {
    std::string_view name;
    int narg;
    bool aggregate;
    bool deterministic;
  };
  std::vector<Row> list;
  for (const FunctionDef& def : FunctionRegistry::BuiltIns().definitions()) {
    if (def.max_args == FunctionDef::kVariadic) {
      list.push_back({def.name, -1, def.is_aggregate(), def.deterministic});
      continue;
    }
    for (int n = def.min_args; n <= def.max_args; ++n) {
      list.push_back({def.name, n, def.is_aggregate(), def.deterministic});
    }
  }
  std::sort(list.begin(), list.end(), [](const Row& a, const Row& b) {
    return std::tie(a.name, a.narg, a.aggregate) < std::tie(b.name, b.narg, b.aggregate);
  });
  PragmaRowSet rows;
  for (const Row& r : list) {
    // As in sqlite3, aggregates carry no SQLITE_DETERMINISTIC flag.
    const int64_t flags = kInnocuous | (r.deterministic && !r.aggregate ? kDeterministic : 0);
    rows.push_back({Value::Text(r.name), Value::Integer(1), Value::Text(r.aggregate ? "w" : "s"), Value::Text("utf8"),
                    Value::Integer(r.narg), Value::Integer(flags)});
  }
  return rows;
}

PragmaRowSet CompileOptionsRows(const PragmaContext&, const std::optional<std::string>&) {
  std::vector<std::string> options{
      CompilerOption(),
      // LIKE never matches a BLOB (pattern.h).
      "LIKE_DOESNT_MATCH_BLOBS",
      "MAX_LENGTH=" + std::to_string(kMaxValueLength),
      "MAX_LIKE_PATTERN_LENGTH=" + std::to_string(kMaxPatternLength),
  };
  PragmaRowSet rows;
  for (const std::string& option : options) {
    if (!option.empty()) rows.push_back({Value::Text(option)});
  }
  return rows;
}

}  // namespace sluice::sql
