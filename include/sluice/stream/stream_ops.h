// Stream helpers of chapter 4.2: integers_from, map, filter, take, first_k,
// zip / zip_with and the sieve of Eratosthenes, primes().
//
// Each function returns a new memoised Stream (see lazy_stream.h) whose nodes
// are computed on demand. Argument order follows the chapter (and Python):
// map(f, s), filter(pred, s), take(s, k), first_k(s, k).
//
// Call order and laziness: like the chapter's map_stream, map() applies f to
// the first element when it is called and to every later element when that
// element's node is computed by rest(). filter() looks for the first accepted
// element when it is called. take(s, k) never computes more than k elements
// of s, and first_k(s, k) computes exactly min(k, length) elements.
//
// Memory: the compute_rest of a derived stream captures the source stream at
// the position it has reached and is destroyed once it has run, so a derived
// stream does not keep the source's head (or any visited source node) alive.
//
// Recursion: none of these recurses on the stream's length. filter() skips
// rejected elements in a loop; primes() keeps one list of sieving primes
// instead of the chapter's tower of nested filter streams (whose depth grows
// with every prime found).
//
// Thread safety: as Stream. Callables passed in are copied once per computed
// element and may be invoked from whichever thread computes that element.
#ifndef SLUICE_STREAM_STREAM_OPS_H_
#define SLUICE_STREAM_STREAM_OPS_H_

#include <concepts>
#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/stream/lazy_stream.h"

namespace sluice {

// n, n+1, n+2, ... (infinite). REQUIRES: the walk stops before I overflows.
template <std::integral I>
Stream<I> integers_from(I n) {
  return Stream<I>(n, [n] { return integers_from<I>(static_cast<I>(n + 1)); });
}

// f(s0), f(s1), ... ; the result type is what f returns (decayed).
template <typename F, typename T, typename R = std::remove_cvref_t<std::invoke_result_t<F&, const T&>>>
requires std::copy_constructible<F> Stream<R> map(F f, Stream<T> s) {
  if (s.is_empty()) return Stream<R>();
  R first = std::invoke(f, s.first());
  return Stream<R>(std::move(first), [f = std::move(f), s = std::move(s)] { return map(f, s.rest()); });
}

// The elements of s for which pred is true, in order. Skips rejected elements
// iteratively. Never returns if s is infinite and no later element passes.
template <typename P, typename T>
requires std::copy_constructible<P> && std::predicate<P&, const T&> Stream<T> filter(P pred, Stream<T> s) {
  while (!s.is_empty() && !std::invoke(pred, s.first())) s = std::move(s).rest();
  if (s.is_empty()) return s;
  T first = s.first();
  return Stream<T>(std::move(first), [pred = std::move(pred), s = std::move(s)] { return filter(pred, s.rest()); });
}

// The first k elements of s as a stream (fewer if s is shorter).
template <typename T>
Stream<T> take(Stream<T> s, std::size_t k) {
  if (k == 0 || s.is_empty()) return Stream<T>();
  T first = s.first();
  if (k == 1) return Stream<T>(std::move(first));  // do not hold (or force) s any further
  return Stream<T>(std::move(first), [s = std::move(s), k] { return take(s.rest(), k - 1); });
}

// The first k elements of s in a vector (fewer if s is shorter). Computes no
// node beyond the k-th.
template <typename T>
std::vector<T> first_k(Stream<T> s, std::size_t k) {
  std::vector<T> out;
  while (out.size() < k && !s.is_empty()) {
    out.push_back(s.first());
    if (out.size() < k) s = std::move(s).rest();
  }
  return out;
}

// f(a0, b0), f(a1, b1), ... ; stops with the shorter stream.
template <typename F, typename A, typename B,
          typename R = std::remove_cvref_t<std::invoke_result_t<F&, const A&, const B&>>>
requires std::copy_constructible<F> Stream<R> zip_with(F f, Stream<A> a, Stream<B> b) {
  if (a.is_empty() || b.is_empty()) return Stream<R>();
  R first = std::invoke(f, a.first(), b.first());
  return Stream<R>(std::move(first),
                   [f = std::move(f), a = std::move(a), b = std::move(b)] { return zip_with(f, a.rest(), b.rest()); });
}

// (a0, b0), (a1, b1), ... ; stops with the shorter stream.
template <typename A, typename B>
Stream<std::pair<A, B>> zip(Stream<A> a, Stream<B> b) {
  return zip_with([](const A& x, const B& y) { return std::pair<A, B>(x, y); }, std::move(a), std::move(b));
}

namespace stream_detail {

// Shared by all nodes of one primes() stream: the sieving elements found so
// far. Node i's compute_rest reads the first i+1 entries and appends the next
// one; computes along one chain are ordered (node i+1 exists only after node
// i's compute finished), so no lock is needed.
template <typename I>
using SieveList = std::shared_ptr<std::vector<I>>;

template <typename I>
Stream<I> SieveFrom(Stream<I> s, SieveList<I> found) {
  if (s.is_empty()) return s;
  const I p = s.first();
  found->push_back(p);
  const std::size_t n = found->size();
  return Stream<I>(p, [s = std::move(s), found = std::move(found), n] {
    Stream<I> rest = s.rest();
    for (;;) {
      if (rest.is_empty()) break;
      const I x = rest.first();
      bool divisible = false;
      for (std::size_t i = 0; i < n && !divisible; ++i) divisible = (x % (*found)[i] == 0);
      if (!divisible) break;
      rest = std::move(rest).rest();
    }
    return SieveFrom(std::move(rest), found);
  });
}

}  // namespace stream_detail

// The chapter's sieve: the first element p of s, then the sieve of the rest
// of s with the multiples of p removed. primes(integers_from(2)) is 2, 3, 5,
// 7, 11, ... Same output as the chapter's nested filter_stream version.
// REQUIRES: the elements are nonzero; for the sieve to keep producing, s must
// not contain 1 or -1 (e.g. start integers_from at 2).
template <std::integral I>
Stream<I> primes(Stream<I> s) {
  return stream_detail::SieveFrom(std::move(s), std::make_shared<std::vector<I>>());
}

}  // namespace sluice

#endif  // SLUICE_STREAM_STREAM_OPS_H_
