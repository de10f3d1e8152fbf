// views::take and views::take_while: lazy prefixes of a range (Python's
// itertools.islice(it, n) and itertools.takewhile(pred, it)).
//
//   gen | views::take(5)            views::take(r, 5)
//   r | views::take_while(pred)     views::take_while(pred, r)
//
// take(n) pulls exactly n elements from its base, never n+1: after the n-th
// element it stops without advancing the base iterator (std::views::take
// would advance it, which runs a generator or a stream one step too far), and
// take(0) does not even call begin() on its base. Infinite ranges are fine.
// take_while evaluates pred once per element, when the iterator reaches it;
// the first rejected element is computed (as in Python) but not yielded.
//
// Lifetimes: as in view_map_filter.h, iterators point into their view.
#ifndef SLUICE_STREAM_VIEW_TAKE_H_
#define SLUICE_STREAM_VIEW_TAKE_H_

#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <optional>
#include <ranges>
#include <type_traits>
#include <utility>

#include "sluice/stream/view_core.h"

namespace sluice::views {

template <std::ranges::input_range V>
requires std::ranges::view<V>
class TakeView : public std::ranges::view_base {
  using BaseIter = std::ranges::iterator_t<V>;
  using BaseSent = std::ranges::sentinel_t<V>;
  using D = std::ranges::range_difference_t<V>;

 public:
  class Iterator {
   public:
    using iterator_concept = stream_detail::AdaptedConcept<V>;
    using reference = std::ranges::range_reference_t<V>;
    using value_type = std::ranges::range_value_t<V>;
    using difference_type = D;

    Iterator() = default;
    // left == 0: the empty take; `it` is then not used (and may be empty).
    Iterator(std::optional<BaseIter> it, BaseSent end, D left)
        : it_(std::move(it)), end_(std::move(end)), left_(left) {}

    reference operator*() const { return **it_; }
    Iterator& operator++() {
      if (--left_ > 0) ++*it_;  // do not step the base past the last taken element
      return *this;
    }
    void operator++(int) { ++*this; }
    Iterator operator++(int) requires std::ranges::forward_range<V> {
      Iterator old = *this;
      ++*this;
      return old;
    }
    // Within one TakeView the count left identifies the position.
    friend bool operator==(const Iterator& a, const Iterator& b) requires std::ranges::forward_range<V> {
      return a.left_ == b.left_;
    }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.left_ <= 0 || *it.it_ == it.end_; }

   private:
    std::optional<BaseIter> it_;
    BaseSent end_{};
    D left_ = 0;
  };

  // REQUIRES: n >= 0.
  TakeView(V base, D n) : base_(std::move(base)), n_(n < 0 ? D(0) : n) {}

  Iterator begin() {
    if (n_ == 0) return Iterator(std::nullopt, BaseSent{}, 0);
    return Iterator(std::ranges::begin(base_), std::ranges::end(base_), n_);
  }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V base_;
  D n_;
};

template <std::ranges::input_range V, typename P>
requires std::ranges::view<V> && std::is_object_v<P> && std::predicate<P&, std::ranges::range_reference_t<V>>
class TakeWhileView : public std::ranges::view_base {
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
    Iterator(TakeWhileView* parent, BaseIter it, BaseSent end)
        : parent_(parent), it_(std::move(it)), end_(std::move(end)) {
      Check();
    }

    reference operator*() const { return *it_; }
    Iterator& operator++() {
      ++it_;
      Check();
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
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.stop_; }

   private:
    void Check() { stop_ = it_ == end_ || !std::invoke(*parent_->pred_, *it_); }

    TakeWhileView* parent_ = nullptr;
    BaseIter it_{};
    BaseSent end_{};
    bool stop_ = true;
  };

  TakeWhileView(V base, P pred) : base_(std::move(base)), pred_(std::move(pred)) {}

  Iterator begin() { return Iterator(this, std::ranges::begin(base_), std::ranges::end(base_)); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V base_;
  stream_detail::Box<P> pred_;
};

namespace views_detail {

struct TakeImpl {
  template <stream_detail::Adaptable R, std::integral N>
  requires std::ranges::input_range<stream_detail::AllT<R>>
  static auto Make(R&& r, N n) {
    using V = stream_detail::AllT<R>;
    return TakeView<V>(stream_detail::All(std::forward<R>(r)), static_cast<std::ranges::range_difference_t<V>>(n));
  }
};

struct TakeWhileImpl {
  template <stream_detail::Adaptable R, typename P>
  requires std::ranges::input_range<stream_detail::AllT<R>> && std::predicate < std::decay_t<P>
  &, std::ranges::range_reference_t < stream_detail::AllT < R >>> static auto Make(R&& r, P&& pred) {
    return TakeWhileView<stream_detail::AllT<R>, std::decay_t<P>>(stream_detail::All(std::forward<R>(r)),
                                                                  std::forward<P>(pred));
  }
};

}  // namespace views_detail

// take(r, n): the first n elements of r (fewer if r is shorter). take(n): a
// pipe. Not to be confused with sluice::take(stream, k), which returns a
// memoised Stream.
struct TakeFn {
  template <typename R, std::integral N>
  auto operator()(R&& r, N n) const -> decltype(views_detail::TakeImpl::Make(std::forward<R>(r), n)) {
    return views_detail::TakeImpl::Make(std::forward<R>(r), n);
  }
  template <std::integral N>
  auto operator()(N n) const {
    return stream_detail::Partial<views_detail::TakeImpl, N>(n);
  }
};
inline constexpr TakeFn take{};

// take_while(pred, r): the elements of r up to (excluding) the first x with
// !pred(x). take_while(pred): a pipe.
struct TakeWhileFn {
  template <typename P, typename R>
  auto operator()(P pred, R&& r) const
      -> decltype(views_detail::TakeWhileImpl::Make(std::forward<R>(r), std::move(pred))) {
    return views_detail::TakeWhileImpl::Make(std::forward<R>(r), std::move(pred));
  }
  template <typename P>
  auto operator()(P pred) const {
    return stream_detail::Partial<views_detail::TakeWhileImpl, P>(std::move(pred));
  }
};
inline constexpr TakeWhileFn take_while{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_TAKE_H_
