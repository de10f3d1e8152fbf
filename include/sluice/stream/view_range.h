// views::range: Python's range(start, stop[, step]) -- a lazy arithmetic
// progression that stores only its end points and step (chapter 4.2: "when
// an element is requested from a range, it is computed").
//
//   auto r = views::range(10000, 1000000000);
//   r[45006230] == 45016230;      // computed as start + index * step, O(1)
//   r.size() == 999990000;        // no element is stored
//   views::range(10, 0, -3)       // 10, 7, 4, 1
//   r[-1]                         // the last element, as in Python
//
// A random-access, sized view; it composes with every adaptor of views.h.
// REQUIRES (all functions): no intermediate start + k * step overflows I.
// Thread safety: immutable after construction; const members are safe from
// any thread.
#ifndef SLUICE_STREAM_VIEW_RANGE_H_
#define SLUICE_STREAM_VIEW_RANGE_H_

#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <type_traits>

#include "sluice/stream/check.h"

namespace sluice::views {

template <std::integral I>
class RangeView : public std::ranges::view_base {
 public:
  using D = std::int64_t;  // index / distance type

  class Iterator {
   public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // C++17 traits: reference is not a reference
    using value_type = I;
    using difference_type = D;
    using reference = I;  // computed, not stored

    Iterator() = default;
    Iterator(I value, I step) : value_(value), step_(step) {}

    I operator*() const { return value_; }
    I operator[](D n) const { return static_cast<I>(value_ + n * step_); }

    Iterator& operator++() {
      value_ = static_cast<I>(value_ + step_);
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++*this;
      return old;
    }
    Iterator& operator--() {
      value_ = static_cast<I>(value_ - step_);
      return *this;
    }
    Iterator operator--(int) {
      Iterator old = *this;
      --*this;
      return old;
    }
    Iterator& operator+=(D n) {
      value_ = static_cast<I>(value_ + n * step_);
      return *this;
    }
    Iterator& operator-=(D n) {
      value_ = static_cast<I>(value_ - n * step_);
      return *this;
    }
    friend Iterator operator+(Iterator it, D n) { return it += n; }
    friend Iterator operator+(D n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, D n) { return it -= n; }
    friend D operator-(const Iterator& a, const Iterator& b) {
      return (static_cast<D>(a.value_) - static_cast<D>(b.value_)) / static_cast<D>(a.step_);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.value_ == b.value_; }
    // Order by position, which runs backwards when step < 0.
    friend std::strong_ordering operator<=>(const Iterator& a, const Iterator& b) {
      return a.step_ > 0 ? a.value_ <=> b.value_ : b.value_ <=> a.value_;
    }

   private:
    I value_ = 0;
    I step_ = 1;
  };

  RangeView() = default;
  // REQUIRES: step != 0.
  RangeView(I start, I stop, I step = 1) : start_(start), step_(step) {
    if (step == 0) stream_detail::Fatal("range() step must not be zero");
    const D span = static_cast<D>(stop) - static_cast<D>(start);
    const D s = static_cast<D>(step);
    size_ = (step > 0) ? (span > 0 ? (span + s - 1) / s : 0) : (span < 0 ? (span + s + 1) / s : 0);
  }

  Iterator begin() const { return Iterator(start_, step_); }
  Iterator end() const { return Iterator(static_cast<I>(start_ + size_ * step_), step_); }

  std::size_t size() const noexcept { return static_cast<std::size_t>(size_); }
  bool empty() const noexcept { return size_ == 0; }
  I start() const noexcept { return start_; }
  I step() const noexcept { return step_; }

  // Python indexing: 0 <= n < size() from the front, -size() <= n < 0 from
  // the back. REQUIRES: n in one of those ranges.
  I operator[](D n) const {
    if (n < 0) n += size_;
    if (n < 0 || n >= size_) stream_detail::Fatal("range index out of range");
    return static_cast<I>(start_ + n * step_);
  }

 private:
  I start_ = 0;
  I step_ = 1;
  D size_ = 0;
};

struct RangeFn {
  // range(stop): 0, 1, ..., stop-1
  template <std::integral I>
  RangeView<I> operator()(I stop) const {
    return RangeView<I>(I(0), stop);
  }
  // range(start, stop[, step]); the arguments share one integer type.
  template <std::integral I>
  RangeView<I> operator()(I start, std::type_identity_t<I> stop, std::type_identity_t<I> step = 1) const {
    return RangeView<I>(start, stop, step);
  }
};
inline constexpr RangeFn range{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_RANGE_H_
