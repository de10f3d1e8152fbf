// printf(FORMAT, ...) / format(FORMAT, ...) with the conversions of SQLite's
// printf engine (printf.c) that make sense from SQL:
//   %d %i (signed), %u %x %X %o (unsigned 64-bit), %f %e %E %g %G (with
//   SQLite's own rounding, real_format.h), %c (first character, repeated
//   precision times), %s %z (text; precision limits bytes), %q (quotes
//   doubled), %Q (like %q inside '...', NULL -> NULL), %w (" doubled), %%.
// Flags - + space 0 # ! and ',' (thousands separators on %d), width and
// precision as digits or '*' (taken from the next argument). Missing
// arguments read as NULL (0 or ""). An unknown conversion ends the output.
// NULL format -> NULL.
#include <algorithm>
#include <string>

#include "sql/value/conversion.h"
#include "sql/value/length_limit.h"
#include "sql/value/real_format.h"
#include "sql/function/scalar_functions.h"

namespace sluice::sql {
namespace {

// Widths and precisions are parsed up to just past the longest value
// (SQLITE_MAX_LENGTH, 1e9 by default); anything larger than the limit is
// "string or blob too big" before a byte is produced, and anything within
// it is honoured exactly, as in sqlite3.
constexpr int64_t kMaxWidth = 2'000'000'000;

class ArgReader {
 public:
  explicit ArgReader(std::span<const Value> args) : args_(args) {}
  const Value& Next() {
    static const Value kNull;
    return pos_ < args_.size() ? args_[pos_++] : kNull;
  }

 private:
  std::span<const Value> args_;
  size_t pos_ = 0;
};

void Pad(std::string* out, size_t n, char c) { out->append(n, c); }

// Appends body padded to width (spaces; zero padding is done by callers).
void Emit(std::string* out, const std::string& body, int64_t width, bool left) {
  size_t w = width > 0 ? static_cast<size_t>(width) : 0;
  if (!left && body.size() < w) Pad(out, w - body.size(), ' ');
  out->append(body);
  if (left && body.size() < w) Pad(out, w - body.size(), ' ');
}

}  // namespace

namespace fn {

Result<Value> Printf(const FunctionContext&, std::span<const Value> args) {
  if (args.empty() || args[0].is_null()) return Value();
  std::string fmt = TextForm(args[0]);
  ArgReader reader(args.subspan(1));
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (++i >= fmt.size()) break;
    bool left = false, plus = false, space = false, alt = false, alt2 = false, zero = false, comma = false;
    for (;; ++i) {
      if (i >= fmt.size()) return Value::Text(out);
      c = fmt[i];
      if (c == '-')
        left = true;
      else if (c == '+')
        plus = true;
      else if (c == ' ')
        space = true;
      else if (c == '#')
        alt = true;
      else if (c == '!')
        alt2 = true;
      else if (c == '0')
        zero = true;
      else if (c == ',')
        comma = true;
      else
        break;
    }
    int64_t width = 0;
    if (fmt[i] == '*') {
      int64_t w = ValueToInt64(reader.Next());
      if (w < 0) {
        left = true;
        w = w >= -kMaxWidth ? -w : kMaxWidth;
      }
      width = std::min<int64_t>(w, kMaxWidth);
      ++i;
    } else {
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        width = std::min<int64_t>(width * 10 + (fmt[i] - '0'), kMaxWidth);
        ++i;
      }
    }
    int64_t precision = -1;
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      if (i < fmt.size() && fmt[i] == '*') {
        int64_t p = ValueToInt64(reader.Next());
        precision = p < 0 ? -1 : std::min<int64_t>(p, kMaxWidth);
        ++i;
      } else {
        precision = 0;
        while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
          precision = std::min<int64_t>(precision * 10 + (fmt[i] - '0'), kMaxWidth);
          ++i;
        }
      }
    }
    // A width, or a precision that pads (numbers, %c), past the longest
    // value: too big before anything is built. A precision of %s/%q/%w
    // only cuts its argument.
    if (ExceedsMaxValueLength(static_cast<uint64_t>(width))) return TooBigError();
    while (i < fmt.size() && fmt[i] == 'l') ++i;  // length modifiers are no-ops
    if (i >= fmt.size()) break;
    char conv = fmt[i];
    std::string body;
    switch (conv) {
      case '%': out.push_back('%'); continue;
      case 'd':
      case 'i':
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        int64_t v = ValueToInt64(reader.Next());
        bool is_signed = conv == 'd' || conv == 'i';
        uint64_t mag;
        char prefix = 0;
        if (is_signed && v < 0) {
          mag = ~static_cast<uint64_t>(v) + 1;
          prefix = '-';
        } else {
          mag = static_cast<uint64_t>(v);
          if (is_signed) prefix = plus ? '+' : (space ? ' ' : 0);
        }
        unsigned base = (conv == 'x' || conv == 'X') ? 16 : (conv == 'o' ? 8 : 10);
        const char* digits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        std::string d;
        do {
          d.push_back(digits[mag % base]);
          mag /= base;
        } while (mag != 0);
        if (v == 0) alt = false;
        int64_t prec = precision;
        if (zero && !left && prec < width - (prefix != 0)) prec = width - (prefix != 0);
        if (ExceedsMaxValueLength(static_cast<uint64_t>(std::max<int64_t>(prec, 0)))) return TooBigError();
        while (static_cast<int64_t>(d.size()) < prec) d.push_back('0');
        if (comma && base == 10) {
          std::string g;
          for (size_t k = 0; k < d.size(); ++k) {
            if (k > 0 && k % 3 == 0) g.push_back(',');
            g.push_back(d[k]);
          }
          d = g;
        }
        if (alt && base == 16) d += conv == 'X' ? "X0" : "x0";
        if (alt && base == 8 && d.back() != '0') d.push_back('0');
        if (prefix) d.push_back(prefix);
        body.assign(d.rbegin(), d.rend());
        break;
      }
      case 'f':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        FloatFormatSpec spec;
        spec.conversion = conv;
        if (ExceedsMaxValueLength(static_cast<uint64_t>(std::max<int64_t>(precision, 0)))) return TooBigError();
        spec.precision = static_cast<int>(precision);
        spec.alternate = alt;
        spec.alternate2 = alt2;
        spec.positive_prefix = plus ? '+' : (space ? ' ' : 0);
        AppendSqliteFloat(ValueToDouble(reader.Next()), spec, &body);
        if (zero && !left && static_cast<int64_t>(body.size()) < width) {
          size_t sign = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
          body.insert(sign, static_cast<size_t>(width) - body.size(), '0');
        }
        break;
      }
      case 'c': {
        std::string t = TextForm(reader.Next());
        std::string ch;
        if (!t.empty()) {
          size_t n = 1;
          if ((static_cast<unsigned char>(t[0]) & 0xC0) == 0xC0) {
            while (n < 4 && n < t.size() && (static_cast<unsigned char>(t[n]) & 0xC0) == 0x80) ++n;
          }
          ch = t.substr(0, n);
        } else {
          ch.push_back('\0');
        }
        int64_t reps = precision > 1 ? precision : 1;
        if (ExceedsMaxValueLength(static_cast<uint64_t>(reps) * ch.size())) return TooBigError();
        body.reserve(static_cast<size_t>(reps) * ch.size());
        for (int64_t k = 0; k < reps; ++k) body += ch;
        break;
      }
      case 's':
      case 'z': {
        const Value& v = reader.Next();
        body = TextForm(v);
        if (precision >= 0 && static_cast<size_t>(precision) < body.size()) body.resize(static_cast<size_t>(precision));
        break;
      }
      case 'q':
      case 'Q':
      case 'w': {
        const Value& v = reader.Next();
        if (v.is_null()) {  // SQLite: %Q -> NULL, %q and %w -> (NULL)
          body = conv == 'Q' ? "NULL" : "(NULL)";
          break;
        }
        std::string t = TextForm(v);
        if (precision >= 0 && static_cast<size_t>(precision) < t.size()) t.resize(static_cast<size_t>(precision));
        char q = conv == 'w' ? '"' : '\'';
        if (conv == 'Q') body.push_back(q);
        for (char ch : t) {
          body.push_back(ch);
          if (ch == q) body.push_back(q);
        }
        if (conv == 'Q') body.push_back(q);
        break;
      }
      default: return Value::Text(out);  // unknown conversion: stop, as SQLite
    }
    Emit(&out, body, width, left);
    // Checked as it grows: each conversion may add up to kMaxWidth bytes.
    if (ExceedsMaxValueLength(out.size())) return TooBigError();
  }
  return Value::Text(out);
}

}  // namespace fn
}  // namespace sluice::sql
