// Plumbing shared by the lazy range adaptors of sluice::views (views.h):
// how an adaptor holds the range it adapts, how it holds a callable, and the
// `range | adaptor` pipe syntax.
//
// Why not std::views::all / std::ranges::view_interface? With the project's
// toolchains clang 14 cannot instantiate libstdc++ 12's view_interface (and
// therefore ref_view, owning_view, iota_view, ...), so the adaptors here use
// only the <ranges> concepts and customisation points, which both compilers
// handle, and provide their own RefView / OwningView. The adaptors still
// model std::ranges::view (they derive from std::ranges::view_base), so with
// gcc they compose with std::views in both directions.
//
// Pipes: every adaptor object has a call form, views::map(f, r), and a
// partial form, views::map(f), which is a closure: `r | closure` applies it;
// `closure | closure` composes (applied left to right).
//
// Thread safety: none of these types is synchronised; a view and its
// iterators belong to one thread at a time.
#ifndef SLUICE_STREAM_VIEW_CORE_H_
#define SLUICE_STREAM_VIEW_CORE_H_

#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sluice::stream_detail {

// A non-owning view of an lvalue range. REQUIRES: the range outlives the view.
template <std::ranges::range R>
requires std::is_object_v<R>
class RefView : public std::ranges::view_base {
 public:
  RefView() = default;
  explicit RefView(R& r) noexcept : r_(std::addressof(r)) {}

  auto begin() const { return std::ranges::begin(*r_); }
  auto end() const { return std::ranges::end(*r_); }
  R& base() const noexcept { return *r_; }

 private:
  R* r_ = nullptr;
};

// Owns an rvalue range (e.g. a temporary std::vector) moved into a pipeline.
// Move-only, like std::ranges::owning_view.
template <std::ranges::range R>
requires std::movable<R> &&(!std::is_reference_v<R>)class OwningView : public std::ranges::view_base {
 public:
  OwningView() = default;
  explicit OwningView(R&& r) noexcept(std::is_nothrow_move_constructible_v<R>) : r_(std::move(r)) {}
  OwningView(OwningView&&) = default;
  OwningView& operator=(OwningView&&) = default;

  auto begin() { return std::ranges::begin(r_); }
  auto end() { return std::ranges::end(r_); }
  auto begin() const requires std::ranges::range<const R> { return std::ranges::begin(r_); }
  auto end() const requires std::ranges::range<const R> { return std::ranges::end(r_); }

 private:
  R r_{};
};

// The view an adaptor stores for an argument of type R: views are copied (or
// moved), other lvalue ranges are referenced, other rvalue ranges are owned.
template <typename R>
concept Adaptable = std::ranges::range<std::remove_cvref_t<R>> &&
    ((std::ranges::view<std::remove_cvref_t<R>> && std::constructible_from<std::remove_cvref_t<R>, R>) ||
     std::is_lvalue_reference_v<R> || std::movable<std::remove_cvref_t<R>>);

template <Adaptable R>
auto All(R&& r) {
  using D = std::remove_cvref_t<R>;
  if constexpr (std::ranges::view<D> && std::constructible_from<D, R>) {
    return D(std::forward<R>(r));
  } else if constexpr (std::is_lvalue_reference_v<R>) {
    return RefView<std::remove_reference_t<R>>(r);
  } else {
    return OwningView<D>(std::move(r));
  }
}

template <typename R>
using AllT = decltype(All(std::declval<R>()));

// Holds a callable so that the holder stays move- and copy-assignable even
// when the callable is not (lambdas with captures are not assignable).
template <typename F>
requires std::is_object_v<F> && std::move_constructible<F>
class Box {
 public:
  explicit Box(F f) noexcept(std::is_nothrow_move_constructible_v<F>) : f_(std::move(f)) {}
  Box(const Box&) = default;
  Box(Box&&) = default;
  Box& operator=(const Box& other) requires std::copy_constructible<F> {
    if (this != &other) {
      if (other.f_) {
        f_.emplace(*other.f_);
      } else {
        f_.reset();
      }
    }
    return *this;
  }
  Box& operator=(Box&& other) noexcept(std::is_nothrow_move_constructible_v<F>) {
    if (this != &other) {
      if (other.f_) {
        f_.emplace(std::move(*other.f_));
      } else {
        f_.reset();
      }
    }
    return *this;
  }

  F& operator*() noexcept { return *f_; }
  const F& operator*() const noexcept { return *f_; }

 private:
  std::optional<F> f_;
};

// Forward iterators stay forward; anything weaker becomes input.
template <typename V>
using AdaptedConcept =
    std::conditional_t<std::ranges::forward_range<V>, std::forward_iterator_tag, std::input_iterator_tag>;

// ---- pipes ----

struct ClosureTag {};

template <typename C>
concept Closure = std::derived_from<std::remove_cvref_t<C>, ClosureTag>;

// `r | c`
template <typename R, typename C>
requires(!Closure<R>) && Closure<C>&& std::invocable<const std::remove_cvref_t<C>&, R> auto operator|(R&& r, C&& c) {
  return std::as_const(c)(std::forward<R>(r));
}

// `c1 | c2`: a closure applying c1 then c2.
template <typename A, typename B>
class Composed : public ClosureTag {
 public:
  Composed(A a, B b) : a_(std::move(a)), b_(std::move(b)) {}

  template <typename R>
  requires std::invocable<const A&, R> && std::invocable<const B&, std::invoke_result_t<const A&, R>>
  auto operator()(R&& r) const { return b_(a_(std::forward<R>(r))); }

 private:
  A a_;
  B b_;
};

template <typename A, typename B>
requires Closure<A> && Closure<B>
auto operator|(A&& a, B&& b) {
  return Composed<std::remove_cvref_t<A>, std::remove_cvref_t<B>>(std::forward<A>(a), std::forward<B>(b));
}

// views::xxx(args...) without a range: remembers args; applied to a range r
// it calls Impl::Make(r, args...).
template <typename Impl, typename... Args>
class Partial : public ClosureTag {
 public:
  explicit Partial(Args... args) : args_(std::move(args)...) {}

  template <typename R>
  requires requires(R&& r, const Args&... a) { Impl::Make(std::forward<R>(r), a...); }
  auto operator()(R&& r) const {
    return std::apply([&r](const Args&... a) { return Impl::Make(std::forward<R>(r), a...); }, args_);
  }

 private:
  std::tuple<Args...> args_;
};

}  // namespace sluice::stream_detail

namespace sluice::views {

// Eager terminal: collects a (finite) range into a std::vector.
//   std::vector<int> v = r | views::to_vector;   or   views::to_vector(r)
struct ToVectorFn : stream_detail::ClosureTag {
  template <std::ranges::input_range R>
  auto operator()(R&& r) const {
    std::vector<std::ranges::range_value_t<R>> out;
    if constexpr (std::ranges::sized_range<R>) out.reserve(static_cast<std::size_t>(std::ranges::size(r)));
    auto it = std::ranges::begin(r);
    const auto end = std::ranges::end(r);
    for (; it != end; ++it) out.push_back(*it);
    return out;
  }
};
inline constexpr ToVectorFn to_vector{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_CORE_H_
