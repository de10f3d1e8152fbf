// The built-in scalar functions with SQLite 3.40's semantics (see
// scalar_functions.h). Each mirrors the corresponding xFunc in SQLite's
// func.c, including its argument conversions and NULL handling.
#include "sql/function/scalar_functions.h"

#include "base/sql_literal.h"

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "sql/value/conversion.h"
#include "sql/value/length_limit.h"
#include "sql/value/logic.h"
#include "sql/value/numeric_text.h"
#include "sql/function/pattern.h"
#include "sql/value/real_format.h"
#include "sql/value/utf8.h"

namespace sluice::sql {
namespace {

Status TooBig() { return TooBigError(); }

std::mt19937_64& Rng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

constexpr char kHexDigits[] = "0123456789ABCDEF";

// The text SQLite's sqlite3_value_text() would give: NULL -> nullopt.
// Kept as an owning string when a conversion was needed.
struct TextArg {
  explicit TextArg(const Value& v) {
    if (v.is_null()) {
      is_null = true;
    } else if (v.is_string()) {
      view = v.bytes();
    } else {
      storage = TextForm(v);
      view = storage;
    }
  }
  bool is_null = false;
  std::string storage;
  std::string_view view;
};

enum TrimSide { kLeft = 1, kRight = 2 };

Result<Value> TrimImpl(std::span<const Value> args, int sides) {
  if (args[0].is_null()) return Value();
  TextArg in(args[0]);
  std::string_view s = in.view;
  std::vector<std::string_view> chars;
  std::optional<TextArg> set;
  if (args.size() == 1) {
    chars.push_back(" ");
  } else {
    if (args[1].is_null()) return Value();
    set.emplace(args[1]);
    std::string_view cs = CutAtNul(set->view);
    for (size_t i = 0; i < cs.size();) {
      size_t j = Utf8Next(cs, i);
      chars.push_back(cs.substr(i, j - i));
      i = j;
    }
  }
  if (!chars.empty()) {
    if (sides & kLeft) {
      while (!s.empty()) {
        size_t len = 0;
        for (std::string_view c : chars) {
          if (c.size() <= s.size() && std::memcmp(s.data(), c.data(), c.size()) == 0) {
            len = c.size();
            break;
          }
        }
        if (len == 0) break;
        s.remove_prefix(len);
      }
    }
    if (sides & kRight) {
      while (!s.empty()) {
        size_t len = 0;
        for (std::string_view c : chars) {
          if (c.size() <= s.size() && std::memcmp(s.data() + s.size() - c.size(), c.data(), c.size()) == 0) {
            len = c.size();
            break;
          }
        }
        if (len == 0) break;
        s.remove_suffix(len);
      }
    }
  }
  return Value::Text(s);
}

Result<Value> MinMax(const FunctionContext& ctx, std::span<const Value> args, bool max) {
  size_t best = 0;
  if (args[0].is_null()) return Value();
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i].is_null()) return Value();
    int c = CompareValues(args[best], args[i], ctx.collation);
    // SQLite: min() takes a later argument on ties, max() only when greater.
    if (max ? c < 0 : c >= 0) best = i;
  }
  return args[best];
}

std::string CaseMap(std::string_view s, bool upper) {
  std::string out(s);
  for (char& c : out) {
    if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) c = static_cast<char>(c ^ 0x20);
  }
  return out;
}

}  // namespace

double RoundDouble(double x, int digits) {
  if (digits > 30) digits = 30;
  if (digits < 0) digits = 0;
  if (x < -4503599627370496.0 || x > 4503599627370496.0) return x;  // no fraction to round
  if (digits == 0) return static_cast<double>(static_cast<int64_t>(x + (x < 0 ? -0.5 : 0.5)));
  FloatFormatSpec spec;
  spec.conversion = 'f';
  spec.precision = digits;
  std::string text;
  AppendSqliteFloat(x, spec, &text);
  double r;
  (void)ParseReal(text, &r);
  return r;
}

std::string QuoteValue(const Value& v) {
  std::string out;
  switch (v.type()) {
    case StorageClass::kNull: return "NULL";
    case StorageClass::kInteger: return std::to_string(v.integer());
    case StorageClass::kReal: {
      // "%!.15g" unless that does not read back as the same double, then
      // "%!.20e".
      double r1 = v.real(), r2;
      out = FormatReal(r1);
      (void)ParseReal(out, &r2);
      if (r1 != r2) {
        out.clear();
        FloatFormatSpec spec;
        spec.conversion = 'e';
        spec.precision = 20;
        spec.alternate2 = true;
        AppendSqliteFloat(r1, spec, &out);
      }
      return out;
    }
    case StorageClass::kText: AppendSqlString(CutAtNul(v.bytes()), &out); return out;
    case StorageClass::kBlob: AppendSqlBlob(v.bytes(), /*upper_case=*/true, &out); return out;
  }
  return out;
}

namespace fn {

Result<Value> Abs(const FunctionContext&, std::span<const Value> args) {
  const Value& v = args[0];
  switch (v.type()) {
    case StorageClass::kNull: return Value();
    case StorageClass::kInteger: {
      int64_t i = v.integer();
      if (i < 0) {
        if (i == INT64_MIN) return Status::InvalidArgument("integer overflow");
        i = -i;
      }
      return Value::Integer(i);
    }
    default: {
      double r = ValueToDouble(v);
      return Value::Real(r < 0 ? -r : r);
    }
  }
}

Result<Value> Char(const FunctionContext&, std::span<const Value> args) {
  std::string out;
  for (const Value& v : args) {
    int64_t x = ValueToInt64(v);
    if (x < 0 || x > 0x10ffff) x = 0xfffd;
    AppendUtf8(static_cast<uint32_t>(x), &out);
  }
  if (ExceedsMaxValueLength(out.size())) return TooBig();
  return Value::Text(out);
}

Result<Value> Coalesce(const FunctionContext&, std::span<const Value> args) {
  for (const Value& v : args) {
    if (!v.is_null()) return v;
  }
  return Value();
}

Result<Value> Glob(const FunctionContext&, std::span<const Value> args) { return EvaluateGlob(args[1], args[0]); }

Result<Value> Hex(const FunctionContext&, std::span<const Value> args) {
  TextArg in(args[0]);
  if (ExceedsMaxValueLength(uint64_t{in.view.size()} * 2)) return TooBig();
  std::string out;
  out.reserve(in.view.size() * 2);
  for (unsigned char c : in.view) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 15]);
  }
  return Value::Text(out);
}

Result<Value> Iif(const FunctionContext&, std::span<const Value> args) { return IsTrue(args[0]) ? args[1] : args[2]; }

Result<Value> Instr(const FunctionContext&, std::span<const Value> args) {
  const Value& h = args[0];
  const Value& n = args[1];
  if (h.is_null() || n.is_null()) return Value();
  TextArg hay(h), needle(n);  // blobs give their bytes; numbers their text
  bool is_text = !(h.is_blob() && n.is_blob());
  std::string_view hs = hay.view, ns = needle.view;
  int64_t pos = 1;
  if (!ns.empty()) {
    while (ns.size() <= hs.size() && std::memcmp(hs.data(), ns.data(), ns.size()) != 0) {
      ++pos;
      do {
        hs.remove_prefix(1);
      } while (is_text && !hs.empty() && (static_cast<unsigned char>(hs[0]) & 0xC0) == 0x80);
    }
    if (ns.size() > hs.size()) pos = 0;
  }
  return Value::Integer(pos);
}

Result<Value> Length(const FunctionContext&, std::span<const Value> args) {
  const Value& v = args[0];
  switch (v.type()) {
    case StorageClass::kNull: return Value();
    case StorageClass::kBlob: return Value::Integer(static_cast<int64_t>(v.bytes().size()));
    case StorageClass::kText: {
      // SQLite counts up to the first NUL.
      std::string_view s = CutAtNul(v.bytes());
      int64_t n = 0;
      for (size_t i = 0; i < s.size(); i = Utf8Next(s, i)) ++n;
      return Value::Integer(n);
    }
    default: return Value::Integer(static_cast<int64_t>(TextForm(v).size()));
  }
}

Result<Value> Like(const FunctionContext& ctx, std::span<const Value> args) {
  const bool case_sensitive = ctx.connection != nullptr && ctx.connection->case_sensitive_like;
  return EvaluateLike(args[1], args[0], args.size() == 3 ? &args[2] : nullptr, case_sensitive);
}

Result<Value> Likely(const FunctionContext&, std::span<const Value> args) { return args[0]; }

Result<Value> Lower(const FunctionContext&, std::span<const Value> args) {
  if (args[0].is_null()) return Value();
  TextArg in(args[0]);
  return Value::Text(CaseMap(in.view, false));
}

Result<Value> Upper(const FunctionContext&, std::span<const Value> args) {
  if (args[0].is_null()) return Value();
  TextArg in(args[0]);
  return Value::Text(CaseMap(in.view, true));
}

Result<Value> LTrim(const FunctionContext&, std::span<const Value> args) { return TrimImpl(args, kLeft); }
Result<Value> RTrim(const FunctionContext&, std::span<const Value> args) { return TrimImpl(args, kRight); }
Result<Value> Trim(const FunctionContext&, std::span<const Value> args) { return TrimImpl(args, kLeft | kRight); }

Result<Value> Max(const FunctionContext& ctx, std::span<const Value> args) { return MinMax(ctx, args, true); }
Result<Value> Min(const FunctionContext& ctx, std::span<const Value> args) { return MinMax(ctx, args, false); }

Result<Value> NullIf(const FunctionContext& ctx, std::span<const Value> args) {
  if (CompareValues(args[0], args[1], ctx.collation) != 0) return args[0];
  return Value();
}

Result<Value> Quote(const FunctionContext&, std::span<const Value> args) {
  std::string out = QuoteValue(args[0]);
  if (ExceedsMaxValueLength(out.size())) return TooBig();
  return Value::Text(out);
}

Result<Value> Random(const FunctionContext&, std::span<const Value>) {
  int64_t r = static_cast<int64_t>(Rng()());
  if (r < 0) r = -(r & INT64_MAX);  // as SQLite: never INT64_MIN
  return Value::Integer(r);
}

Result<Value> RandomBlob(const FunctionContext&, std::span<const Value> args) {
  int64_t n = ValueToInt64(args[0]);
  if (n < 1) n = 1;
  if (ExceedsMaxValueLength(static_cast<uint64_t>(n))) return TooBig();
  std::string out(static_cast<size_t>(n), '\0');
  for (char& c : out) c = static_cast<char>(Rng()() & 0xff);
  return Value::Blob(out);
}

Result<Value> Replace(const FunctionContext&, std::span<const Value> args) {
  if (args[0].is_null()) return Value();
  TextArg str(args[0]);
  if (args[1].is_null()) return Value();
  TextArg pat(args[1]);
  // SQLite returns X itself (a pattern whose text starts with NUL counts as
  // empty); a BLOB comes back as its TEXT, having been read as text.
  if (pat.view.empty() || pat.view[0] == '\0') return args[0].is_blob() ? Value::Text(std::string(str.view)) : args[0];
  if (args[2].is_null()) return Value();
  TextArg rep(args[2]);
  std::string_view s = str.view, p = pat.view;
  std::string out;
  size_t i = 0;
  while (i + p.size() <= s.size()) {
    if (s[i] == p[0] && std::memcmp(s.data() + i, p.data(), p.size()) == 0) {
      // Checked as it grows: each match may add up to a whole value.
      if (ExceedsMaxValueLength(uint64_t{out.size()} + rep.view.size() + (s.size() - i - p.size()))) return TooBig();
      out.append(rep.view);
      i += p.size();
    } else {
      out.push_back(s[i++]);
    }
  }
  out.append(s.substr(i));
  return Value::Text(out);
}

Result<Value> Round(const FunctionContext&, std::span<const Value> args) {
  int digits = 0;
  if (args.size() == 2) {
    if (args[1].is_null()) return Value();
    digits = ValueToInt32(args[1]);
  }
  if (args[0].is_null()) return Value();
  return Value::Real(RoundDouble(ValueToDouble(args[0]), digits));
}

Result<Value> Sign(const FunctionContext&, std::span<const Value> args) {
  // NULL unless the argument is a number or text that is wholly one.
  Value n = NumericAffinityOf(args[0], /*try_for_int=*/false);
  if (!n.is_numeric()) return Value();
  double x = ValueToDouble(n);
  return Value::Integer(x < 0.0 ? -1 : (x > 0.0 ? 1 : 0));
}

Result<Value> Substr(const FunctionContext&, std::span<const Value> args) {
  if (args[1].is_null() || (args.size() == 3 && args[2].is_null())) return Value();
  const Value& v = args[0];
  if (v.is_null()) return Value();
  bool blob = v.is_blob();
  int64_t p1 = ValueToInt32(args[1]);
  int64_t p2;
  bool neg_p2 = false;
  TextArg in(v);
  std::string_view s = blob ? in.view : CutAtNul(in.view);
  int64_t len = 0;
  if (blob) {
    len = static_cast<int64_t>(s.size());
  } else if (p1 < 0) {
    len = static_cast<int64_t>(Utf8Length(s));
  }
  if (args.size() == 3) {
    p2 = ValueToInt32(args[2]);
    if (p2 < 0) {
      p2 = -p2;
      neg_p2 = true;
    }
  } else {
    p2 = kMaxValueLength;
  }
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      if (p2 < 0) p2 = 0;
      p1 = 0;
    }
  } else if (p1 > 0) {
    --p1;
  } else if (p2 > 0) {
    --p2;
  }
  if (neg_p2) {
    p1 -= p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  if (!blob) {
    size_t i = 0;
    for (; i < s.size() && p1 > 0; --p1) i = Utf8Next(s, i);
    size_t j = i;
    for (; j < s.size() && p2 > 0; --p2) j = Utf8Next(s, j);
    return Value::Text(s.substr(i, j - i));
  }
  if (p1 + p2 > len) {
    p2 = len - p1;
    if (p2 < 0) p2 = 0;
  }
  if (p2 == 0) return Value::Blob("");
  return Value::Blob(s.substr(static_cast<size_t>(p1), static_cast<size_t>(p2)));
}

Result<Value> TypeOf(const FunctionContext&, std::span<const Value> args) {
  return Value::TextView(StorageClassName(args[0].type()));
}

Result<Value> Unicode(const FunctionContext&, std::span<const Value> args) {
  if (args[0].is_null()) return Value();
  TextArg in(args[0]);
  std::string_view s = CutAtNul(in.view);
  if (s.empty()) return Value();
  size_t i = 0;
  return Value::Integer(Utf8Read(s, &i));
}

Result<Value> ZeroBlob(const FunctionContext&, std::span<const Value> args) {
  int64_t n = ValueToInt64(args[0]);
  if (n < 0) n = 0;
  if (ExceedsMaxValueLength(static_cast<uint64_t>(n))) return TooBig();
  return Value::ZeroBlob(static_cast<size_t>(n));
}

}  // namespace fn
}  // namespace sluice::sql
