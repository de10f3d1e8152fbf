// The table of built-in functions (see function_registry.h).
#include "sql/function/function_registry.h"

#include <string>

namespace sluice::sql {
namespace {

bool NameEquals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

FunctionRegistry MakeBuiltIns() {
  constexpr int kVar = FunctionDef::kVariadic;
  FunctionRegistry r;
  auto scalar = [&](std::string_view name, int lo, int hi, ScalarFunction f, bool deterministic = true) {
    r.Add(FunctionDef{name, lo, hi, deterministic, f, std::nullopt});
  };
  auto aggregate = [&](std::string_view name, int lo, int hi, AggregateKind kind) {
    r.Add(FunctionDef{name, lo, hi, true, nullptr, kind});
  };
  scalar("abs", 1, 1, fn::Abs);
  scalar("changes", 0, 0, fn::Changes, /*deterministic=*/false);
  scalar("char", 0, kVar, fn::Char);
  scalar("coalesce", 2, kVar, fn::Coalesce);
  scalar("format", 1, kVar, fn::Printf);
  scalar("glob", 2, 2, fn::Glob);
  scalar("hex", 1, 1, fn::Hex);
  scalar("ifnull", 2, 2, fn::Coalesce);
  scalar("iif", 3, 3, fn::Iif);
  scalar("instr", 2, 2, fn::Instr);
  scalar("last_insert_rowid", 0, 0, fn::LastInsertRowid, /*deterministic=*/false);
  scalar("length", 1, 1, fn::Length);
  scalar("like", 2, 3, fn::Like);
  scalar("likelihood", 2, 2, fn::Likely);
  scalar("likely", 1, 1, fn::Likely);
  scalar("lower", 1, 1, fn::Lower);
  scalar("ltrim", 1, 2, fn::LTrim);
  scalar("max", 2, kVar, fn::Max);
  scalar("min", 2, kVar, fn::Min);
  scalar("nullif", 2, 2, fn::NullIf);
  scalar("printf", 1, kVar, fn::Printf);
  scalar("quote", 1, 1, fn::Quote);
  scalar("random", 0, 0, fn::Random, /*deterministic=*/false);
  scalar("randomblob", 1, 1, fn::RandomBlob, /*deterministic=*/false);
  scalar("replace", 3, 3, fn::Replace);
  scalar("round", 1, 2, fn::Round);
  scalar("rtrim", 1, 2, fn::RTrim);
  scalar("sign", 1, 1, fn::Sign);
  scalar("sqlite_version", 0, 0, fn::SqliteVersion, /*deterministic=*/false);
  scalar("substr", 2, 3, fn::Substr);
  scalar("substring", 2, 3, fn::Substr);
  scalar("total_changes", 0, 0, fn::TotalChanges, /*deterministic=*/false);
  scalar("trim", 1, 2, fn::Trim);
  scalar("typeof", 1, 1, fn::TypeOf);
  scalar("unicode", 1, 1, fn::Unicode);
  scalar("unlikely", 1, 1, fn::Likely);
  scalar("upper", 1, 1, fn::Upper);
  scalar("zeroblob", 1, 1, fn::ZeroBlob);
  aggregate("avg", 1, 1, AggregateKind::kAvg);
  aggregate("count", 0, 0, AggregateKind::kCountStar);
  aggregate("count", 1, 1, AggregateKind::kCount);
  aggregate("group_concat", 1, 2, AggregateKind::kGroupConcat);
  aggregate("max", 1, 1, AggregateKind::kMax);
  aggregate("min", 1, 1, AggregateKind::kMin);
  aggregate("sum", 1, 1, AggregateKind::kSum);
  aggregate("total", 1, 1, AggregateKind::kTotal);
  return r;
}

}  // namespace

const FunctionRegistry& FunctionRegistry::BuiltIns() {
  static const FunctionRegistry* registry = new FunctionRegistry(MakeBuiltIns());
  return *registry;
}

Result<const FunctionDef*> FunctionRegistry::Lookup(std::string_view name, int arg_count) const {
  bool found = false;
  for (const FunctionDef& def : defs_) {
    if (!NameEquals(name, def.name)) continue;
    found = true;
    if (def.AcceptsArity(arg_count)) return &def;
  }
  if (!found) return Status::NotFound("no such function: " + std::string(name));
  return Status::InvalidArgument("wrong number of arguments to function " + std::string(name) + "()");
}

bool FunctionRegistry::Contains(std::string_view name) const {
  for (const FunctionDef& def : defs_) {
    if (NameEquals(name, def.name)) return true;
  }
  return false;
}

}  // namespace sluice::sql
