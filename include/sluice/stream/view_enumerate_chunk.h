// views::enumerate and views::chunk (Python's enumerate(it, start) and
// itertools.batched(it, n)).
//
//   for (auto [i, x] : v | views::enumerate) ...        // i = 0, 1, 2, ...
//   for (auto [i, x] : views::enumerate(v, 1)) ...      // i = 1, 2, 3, ...
//   for (std::vector<Row>& batch : rows | views::chunk(2048)) ...
//
// enumerate yields RefTuple<index, reference> (a std::tuple, see
// ref_tuple.h), index being the range's (signed) difference type.
//
// chunk(n) turns any input range into a range of batches (habit 8: exchange
// batches, not rows): each element is a std::vector<value> of n elements, the
// last one possibly shorter; an empty input gives no batch. The batch is a
// buffer owned by the view, reused from one batch to the next; the consumer
// may modify or move it. chunk is therefore an input range (single pass:
// begin() once) whatever its base is. It pulls exactly the elements of the
// batches it hands out, never one more.
//
// Lifetimes: as in view_map_filter.h, iterators point into their view.
#ifndef SLUICE_STREAM_VIEW_ENUMERATE_CHUNK_H_
#define SLUICE_STREAM_VIEW_ENUMERATE_CHUNK_H_

#include <concepts>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/stream/check.h"
#include "sluice/stream/ref_tuple.h"
#include "sluice/stream/view_core.h"

namespace sluice::views {

template <std::ranges::input_range V>
requires std::ranges::view<V>
class EnumerateView : public std::ranges::view_base {
  using BaseIter = std::ranges::iterator_t<V>;
  using BaseSent = std::ranges::sentinel_t<V>;
  using D = std::ranges::range_difference_t<V>;

 public:
  class Iterator {
   public:
    using iterator_concept = stream_detail::AdaptedConcept<V>;
    using reference = RefTuple<D, std::ranges::range_reference_t<V>>;
    using value_type = RefTuple<D, std::ranges::range_value_t<V>>;
    using difference_type = D;

    Iterator() requires std::default_initializable<BaseIter>
    = default;
    Iterator(BaseIter it, BaseSent end, D index) : it_(std::move(it)), end_(std::move(end)), index_(index) {}

    reference operator*() const { return reference(index_, *it_); }
    Iterator& operator++() {
      ++it_;
      ++index_;
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
    BaseIter it_{};
    BaseSent end_{};
    D index_ = 0;
  };

  EnumerateView(V base, D start) : base_(std::move(base)), start_(start) {}

  Iterator begin() { return Iterator(std::ranges::begin(base_), std::ranges::end(base_), start_); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V base_;
  D start_;
};

template <std::ranges::input_range V>
requires std::ranges::view<V> &&
    std::constructible_from<std::ranges::range_value_t<V>, std::ranges::range_reference_t<V>>
class ChunkView : public std::ranges::view_base {
  using BaseIter = std::ranges::iterator_t<V>;
  using BaseSent = std::ranges::sentinel_t<V>;
  using T = std::ranges::range_value_t<V>;

 public:
  class Iterator {
   public:
    using iterator_concept = std::input_iterator_tag;
    using value_type = std::vector<T>;
    using reference = std::vector<T>&;
    using difference_type = std::ptrdiff_t;

    Iterator(ChunkView* parent, BaseIter it, BaseSent end) : parent_(parent), it_(std::move(it)), end_(std::move(end)) {
      Fill();
    }

    std::vector<T>& operator*() const { return parent_->batch_; }
    Iterator& operator++() {
      Fill();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.Done(); }

   private:
    bool Done() const { return parent_->batch_.empty(); }

    // Refills the batch. The base iterator is left on the last element taken
    // (stepped only before the next element is needed), so no element past
    // the batch is computed.
    void Fill() {
      std::vector<T>& batch = parent_->batch_;
      batch.clear();
      while (batch.size() < parent_->n_) {
        if (stepped_past_) ++it_;
        stepped_past_ = false;
        if (it_ == end_) break;
        batch.emplace_back(*it_);
        stepped_past_ = true;
      }
    }

    ChunkView* parent_;
    BaseIter it_;
    BaseSent end_;
    bool stepped_past_ = false;  // it_ is on an element already put in a batch
  };

  // REQUIRES: n > 0.
  ChunkView(V base, std::size_t n) : base_(std::move(base)), n_(n) {
    if (n == 0) stream_detail::Fatal("chunk(0): the chunk size must be positive");
    batch_.reserve(n < 4096 ? n : 4096);
  }

  // REQUIRES: called at most once.
  Iterator begin() { return Iterator(this, std::ranges::begin(base_), std::ranges::end(base_)); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V base_;
  std::size_t n_;
  std::vector<T> batch_;
};

namespace views_detail {

struct EnumerateImpl {
  template <stream_detail::Adaptable R, std::integral N>
  requires std::ranges::input_range<stream_detail::AllT<R>>
  static auto Make(R&& r, N start) {
    using V = stream_detail::AllT<R>;
    return EnumerateView<V>(stream_detail::All(std::forward<R>(r)),
                            static_cast<std::ranges::range_difference_t<V>>(start));
  }
};

struct ChunkImpl {
  template <stream_detail::Adaptable R, std::integral N>
  requires std::ranges::input_range<stream_detail::AllT<R>>
  static auto Make(R&& r, N n) {
    if (n <= 0) stream_detail::Fatal("chunk(n): the chunk size must be positive");
    return ChunkView<stream_detail::AllT<R>>(stream_detail::All(std::forward<R>(r)), static_cast<std::size_t>(n));
  }
};

}  // namespace views_detail

// enumerate(r), enumerate(r, start), or the pipe `r | enumerate`.
struct EnumerateFn : stream_detail::ClosureTag {
  template <typename R>
  auto operator()(R&& r) const -> decltype(views_detail::EnumerateImpl::Make(std::forward<R>(r), 0)) {
    return views_detail::EnumerateImpl::Make(std::forward<R>(r), 0);
  }
  template <typename R, std::integral N>
  auto operator()(R&& r, N start) const -> decltype(views_detail::EnumerateImpl::Make(std::forward<R>(r), start)) {
    return views_detail::EnumerateImpl::Make(std::forward<R>(r), start);
  }
};
inline constexpr EnumerateFn enumerate{};

// chunk(r, n): batches of n elements (last one shorter). chunk(n): a pipe.
struct ChunkFn {
  template <typename R, std::integral N>
  auto operator()(R&& r, N n) const -> decltype(views_detail::ChunkImpl::Make(std::forward<R>(r), n)) {
    return views_detail::ChunkImpl::Make(std::forward<R>(r), n);
  }
  template <std::integral N>
  auto operator()(N n) const {
    if (n <= 0) stream_detail::Fatal("chunk(n): the chunk size must be positive");
    return stream_detail::Partial<views_detail::ChunkImpl, N>(n);
  }
};
inline constexpr ChunkFn chunk{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_ENUMERATE_CHUNK_H_
