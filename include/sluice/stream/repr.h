// Repr: Python-like printing of element values, used by Stream::to_string().
//
// The chapter prints a stream as 'Stream({0}, <...>)'.format(repr(first)),
// so the element is shown the way Python's repr() would show it: strings in
// quotes with escapes, bools as True/False, floats with a decimal point,
// pairs and tuples as (a, b), vectors as [a, b]. Any other type is printed
// with its operator<< when it has one, else as "<object>".
//
// Thread safety: pure functions; safe from any thread.
#ifndef SLUICE_STREAM_REPR_H_
#define SLUICE_STREAM_REPR_H_

#include <charconv>
#include <concepts>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sluice {

template <typename T>
class Stream;

namespace stream_detail {

template <typename T>
struct IsStream : std::false_type {};
template <typename T>
struct IsStream<Stream<T>> : std::true_type {};

template <typename T>
struct IsPairOrTuple : std::false_type {};
template <typename A, typename B>
struct IsPairOrTuple<std::pair<A, B>> : std::true_type {};
template <typename... Ts>
struct IsPairOrTuple<std::tuple<Ts...>> : std::true_type {};

template <typename T>
struct IsVector : std::false_type {};
template <typename T, typename A>
struct IsVector<std::vector<T, A>> : std::true_type {};

template <typename T>
concept Streamable = requires(std::ostream& os, const T& v) {
  os << v;
};

// Python's string repr: single quotes unless the text contains a single quote
// and no double quote; backslash escapes for the quote, '\\' and controls.
inline void ReprString(std::ostream& os, std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  os << quote;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      os << '\\' << c;
    } else if (c == '\n') {
      os << "\\n";
    } else if (c == '\r') {
      os << "\\r";
    } else if (c == '\t') {
      os << "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      os << "\\x" << kHex[u >> 4] << kHex[u & 0xf];
    } else {
      os << c;  // bytes >= 0x80 pass through (UTF-8 stays readable)
    }
  }
  os << quote;
}

// Shortest round-trip form, plus ".0" when it would read as an integer.
template <std::floating_point F>
void ReprFloat(std::ostream& os, F v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  std::string_view text(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0);
  os << text;
  if (text.find_first_of(".eni") == std::string_view::npos) os << ".0";  // not 1e+20, inf, nan
}

template <typename T>
void Repr(std::ostream& os, const T& v);

template <typename Tuple, std::size_t... I>
void ReprTuple(std::ostream& os, const Tuple& t, std::index_sequence<I...>) {
  os << '(';
  ((os << (I == 0 ? "" : ", "), Repr(os, std::get<I>(t))), ...);
  if constexpr (sizeof...(I) == 1) os << ',';  // Python's 1-tuple: (x,)
  os << ')';
}

template <typename T>
void Repr(std::ostream& os, const T& v) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    os << (v ? "True" : "False");
  } else if constexpr (std::is_same_v<U, char>) {
    ReprString(os, std::string_view(&v, 1));
  } else if constexpr (std::is_integral_v<U>) {
    os << +v;  // '+' prints signed/unsigned char types as numbers
  } else if constexpr (std::is_floating_point_v<U>) {
    ReprFloat(os, v);
  } else if constexpr (std::is_convertible_v<const U&, std::string_view>) {
    ReprString(os, std::string_view(v));
  } else if constexpr (IsStream<U>::value) {
    os << v.to_string();
  } else if constexpr (IsPairOrTuple<U>::value) {
    ReprTuple(os, v, std::make_index_sequence<std::tuple_size_v<U>>());
  } else if constexpr (IsVector<U>::value) {
    os << '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) os << ", ";
      Repr(os, v[i]);
    }
    os << ']';
  } else if constexpr (Streamable<U>) {
    os << v;
  } else {
    os << "<object>";
  }
}

}  // namespace stream_detail
}  // namespace sluice

#endif  // SLUICE_STREAM_REPR_H_
