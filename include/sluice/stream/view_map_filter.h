// views::map and views::filter: lazy element-wise adaptors over any input
// range (Python's built-in map and filter).
//
//   for (int y : v | views::filter(is_even) | views::map(square)) ...
//   views::map(f, r)   views::filter(pred, r)   (Python argument order)
//
// Laziness: nothing is computed when the view is built. map calls f each
// time an element is dereferenced (like Python's next(map_iterator); a
// consumer that dereferences twice calls f twice). filter calls pred while
// looking for the next accepted element: in begin() and in operator++.
//
// Lifetimes: iterators point into their view; REQUIRES: the view outlives its
// iterators and is not moved while they are in use (as for std views).
#ifndef SLUICE_STREAM_VIEW_MAP_FILTER_H_
#define SLUICE_STREAM_VIEW_MAP_FILTER_H_

#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>

#include "sluice/stream/view_core.h"

namespace sluice::views {

template <std::ranges::input_range V, typename F>
requires std::ranges::view<V> && std::is_object_v<F> && std::regular_invocable<F&, std::ranges::range_reference_t<V>>
class MapView : public std::ranges::view_base {
  using BaseIter = std::ranges::iterator_t<V>;
  using BaseSent = std::ranges::sentinel_t<V>;

 public:
  class Sentinel;

  class Iterator {
   public:
    using iterator_concept = stream_detail::AdaptedConcept<V>;
    using reference = std::invoke_result_t<F&, std::ranges::range_reference_t<V>>;
    using value_type = std::remove_cvref_t<reference>;
    using difference_type = std::ranges::range_difference_t<V>;

    Iterator() requires std::default_initializable<BaseIter>
    = default;
    Iterator(MapView* parent, BaseIter it) : parent_(parent), it_(std::move(it)) {}

    decltype(auto) operator*() const { return std::invoke(*parent_->fn_, *it_); }
    Iterator& operator++() {
      ++it_;
      return *this;
    }
    void operator++(int) { ++*this; }
    Iterator operator++(int) requires std::ranges::forward_range<V> {
      Iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) requires std::equality_comparable<BaseIter> {
      return a.it_ == b.it_;
    }

    const BaseIter& base() const noexcept { return it_; }

   private:
    MapView* parent_ = nullptr;
    BaseIter it_{};
  };

  class Sentinel {
   public:
    Sentinel() = default;
    explicit Sentinel(BaseSent end) : end_(std::move(end)) {}
    friend bool operator==(const Iterator& it, const Sentinel& s) { return it.base() == s.end_; }

   private:
    BaseSent end_{};
  };

  MapView(V base, F fn) : base_(std::move(base)), fn_(std::move(fn)) {}

  Iterator begin() { return Iterator(this, std::ranges::begin(base_)); }
  Sentinel end() { return Sentinel(std::ranges::end(base_)); }

 private:
  V base_;
  stream_detail::Box<F> fn_;
};

template <std::ranges::input_range V, typename P>
requires std::ranges::view<V> && std::is_object_v<P> && std::predicate<P&, std::ranges::range_reference_t<V>>
class FilterView : public std::ranges::view_base {
  using BaseIter = std::ranges::iterator_t<V>;
  using BaseSent = std::ranges::sentinel_t<V>;

 public:
  class Iterator {
   public:
    using iterator_concept = stream_detail::AdaptedConcept<V>;
    using reference = std::ranges::range_reference_t<V>;
    using value_type = std::ranges::range_value_t<V>;
    using difference_type = std::ranges::range_difference_t<V>;

    Iterator() requires std::default_initializable<BaseIter>
    = default;
    Iterator(FilterView* parent, BaseIter it, BaseSent end)
        : parent_(parent), it_(std::move(it)), end_(std::move(end)) {
      SkipRejected();
    }

    reference operator*() const { return *it_; }
    Iterator& operator++() {
      ++it_;
      SkipRejected();
      return *this;
    }
    void operator++(int) { ++*this; }
    Iterator operator++(int) requires std::ranges::forward_range<V> {
      Iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) requires std::equality_comparable<BaseIter> {
      return a.it_ == b.it_;
    }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.it_ == it.end_; }

   private:
    // A loop, not recursion: long runs of rejected elements cost no stack.
    void SkipRejected() {
      while (it_ != end_ && !std::invoke(*parent_->pred_, *it_)) ++it_;
    }

    FilterView* parent_ = nullptr;
    BaseIter it_{};
    BaseSent end_{};
  };

  FilterView(V base, P pred) : base_(std::move(base)), pred_(std::move(pred)) {}

  Iterator begin() { return Iterator(this, std::ranges::begin(base_), std::ranges::end(base_)); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V base_;
  stream_detail::Box<P> pred_;
};

namespace views_detail {

struct MapImpl {
  template <stream_detail::Adaptable R, typename F>
  requires std::ranges::input_range<stream_detail::AllT<R>> && std::regular_invocable < std::decay_t<F>
  &, std::ranges::range_reference_t < stream_detail::AllT < R >>> static auto Make(R&& r, F&& f) {
    return MapView<stream_detail::AllT<R>, std::decay_t<F>>(stream_detail::All(std::forward<R>(r)), std::forward<F>(f));
  }
};

struct FilterImpl {
  template <stream_detail::Adaptable R, typename P>
  requires std::ranges::input_range<stream_detail::AllT<R>> && std::predicate < std::decay_t<P>
  &, std::ranges::range_reference_t < stream_detail::AllT < R >>> static auto Make(R&& r, P&& pred) {
    return FilterView<stream_detail::AllT<R>, std::decay_t<P>>(stream_detail::All(std::forward<R>(r)),
                                                               std::forward<P>(pred));
  }
};

}  // namespace views_detail

// map(f, r): f(x) for each x of r, computed when dereferenced. map(f): a pipe.
struct MapFn {
  template <typename F, typename R>
  auto operator()(F f, R&& r) const -> decltype(views_detail::MapImpl::Make(std::forward<R>(r), std::move(f))) {
    return views_detail::MapImpl::Make(std::forward<R>(r), std::move(f));
  }
  template <typename F>
  auto operator()(F f) const {
    return stream_detail::Partial<views_detail::MapImpl, F>(std::move(f));
  }
};
inline constexpr MapFn map{};

// filter(pred, r): the x of r with pred(x), in order. filter(pred): a pipe.
struct FilterFn {
  template <typename P, typename R>
  auto operator()(P pred, R&& r) const
      -> decltype(views_detail::FilterImpl::Make(std::forward<R>(r), std::move(pred))) {
    return views_detail::FilterImpl::Make(std::forward<R>(r), std::move(pred));
  }
  template <typename P>
  auto operator()(P pred) const {
    return stream_detail::Partial<views_detail::FilterImpl, P>(std::move(pred));
  }
};
inline constexpr FilterFn filter{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_MAP_FILTER_H_
