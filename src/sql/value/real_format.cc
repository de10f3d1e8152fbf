// SQLite 3.40's floating-point printf algorithm (see real_format.h).
//
// Steps, for a value v >= 0 (the sign is emitted separately):
//  1. %g with precision p > 0 uses p-1 digits after the first.
//  2. rounder = 0.5 * 10^-precision; %f adds it before normalizing, plus
//     3e-16 * v when few digits are printed (SQLite's nudge).
//  3. Normalize v into [1, 10) with a long double scale of 1e100/1e10/10
//     steps (exp counts them); values still >= 10 at exp > 350 are Inf.
//  4. %e/%g add the rounder after normalizing (renormalizing on carry).
//  5. %g picks %e when exp < -4 or exp > precision, else %f with
//     precision - exp fraction digits, and strips trailing zeros unless '#'.
//  6. Digits come from repeated (int)v; v = (v - digit) * 10, at most 16
//     significant (26 with '!'), then '0'.
#include "sql/value/real_format.h"

#include <cstdint>
#include <cstring>

namespace sluice::sql {
namespace {

constexpr double kRound[] = {5.0e-01, 5.0e-02, 5.0e-03, 5.0e-04, 5.0e-05, 5.0e-06, 5.0e-07, 5.0e-08, 5.0e-09, 5.0e-10};

char NextDigit(long double* v, int* count) {
  if (*count <= 0) return '0';
  --*count;
  int digit = static_cast<int>(*v);
  long double d = digit;
  *v = (*v - d) * 10.0;
  return static_cast<char>('0' + digit);
}

}  // namespace

void AppendSqliteFloat(double value, const FloatFormatSpec& spec, std::string* out) {
  enum Kind { kFloat, kExp, kGeneric };
  Kind kind = (spec.conversion == 'f' || spec.conversion == 'F')   ? kFloat
              : (spec.conversion == 'e' || spec.conversion == 'E') ? kExp
                                                                   : kGeneric;
  const char exp_char = (spec.conversion == 'E' || spec.conversion == 'G') ? 'E' : 'e';
  int precision = spec.precision < 0 ? 6 : spec.precision;
  long double v = value;
  char prefix;
  if (v < 0.0) {
    v = -v;
    prefix = '-';
  } else {
    prefix = spec.positive_prefix;
  }
  if (kind == kGeneric && precision > 0) --precision;
  int idx = precision & 0xfff;
  double rounder = kRound[idx % 10];
  while (idx >= 10) {
    rounder *= 1.0e-10;
    idx -= 10;
  }
  if (kind == kFloat) {
    // SQLite's nudge for values whose decimal form sits just below a
    // rounding boundary (22.45 is 22.4499999...): add 3e-16 relative when
    // the printed digits stay within double precision.
    double rx = static_cast<double>(v);
    uint64_t bits;
    std::memcpy(&bits, &rx, sizeof(bits));
    int ex = -1023 + static_cast<int>((bits >> 52) & 0x7ff);
    if (precision + (ex / 3) < 15) rounder = static_cast<double>(rounder + v * 3e-16);
    v += rounder;
  }
  int exp = 0;
  if (v != v) {
    out->append("NaN");
    return;
  }
  if (v > 0.0) {
    long double scale = 1.0;
    while (v >= 1e100 * scale && exp <= 350) {
      scale *= 1e100;
      exp += 100;
    }
    while (v >= 1e10 * scale && exp <= 350) {
      scale *= 1e10;
      exp += 10;
    }
    while (v >= 10.0 * scale && exp <= 350) {
      scale *= 10.0;
      ++exp;
    }
    v /= scale;
    while (v < 1e-8) {
      v *= 1e8;
      exp -= 8;
    }
    while (v < 1.0) {
      v *= 10.0;
      --exp;
    }
    if (exp > 350) {
      if (prefix) out->push_back(prefix);
      out->append("Inf");
      return;
    }
  }
  if (kind != kFloat) {
    v += rounder;
    if (v >= 10.0) {
      v *= 0.1;
      ++exp;
    }
  }
  bool strip_zeros;
  if (kind == kGeneric) {
    strip_zeros = !spec.alternate;
    if (exp < -4 || exp > precision) {
      kind = kExp;
    } else {
      precision = precision - exp;
      kind = kFloat;
    }
  } else {
    strip_zeros = spec.alternate2;
  }
  int e2 = kind == kExp ? 0 : exp;
  int significant = 16 + (spec.alternate2 ? 10 : 0);
  bool with_point = precision > 0 || spec.alternate || spec.alternate2;

  std::string buf;
  if (prefix) buf.push_back(prefix);
  if (e2 < 0) {
    buf.push_back('0');
  } else {
    for (; e2 >= 0; --e2) buf.push_back(NextDigit(&v, &significant));
  }
  if (with_point) buf.push_back('.');
  for (++e2; e2 < 0; --precision, ++e2) buf.push_back('0');
  while (precision-- > 0) buf.push_back(NextDigit(&v, &significant));
  if (strip_zeros && with_point) {
    while (buf.back() == '0') buf.pop_back();
    if (buf.back() == '.') {
      if (spec.alternate2) {
        buf.push_back('0');
      } else {
        buf.pop_back();
      }
    }
  }
  if (kind == kExp) {
    buf.push_back(exp_char);
    if (exp < 0) {
      buf.push_back('-');
      exp = -exp;
    } else {
      buf.push_back('+');
    }
    if (exp >= 100) {
      buf.push_back(static_cast<char>('0' + exp / 100));
      exp %= 100;
    }
    buf.push_back(static_cast<char>('0' + exp / 10));
    buf.push_back(static_cast<char>('0' + exp % 10));
  }
  out->append(buf);
}

void AppendReal(double value, std::string* out) {
  FloatFormatSpec spec;
  spec.conversion = 'g';
  spec.precision = 15;
  spec.alternate2 = true;
  AppendSqliteFloat(value, spec, out);
}

std::string FormatReal(double value) {
  std::string out;
  AppendReal(value, &out);
  return out;
}

}  // namespace sluice::sql
