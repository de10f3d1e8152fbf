// views::zip and views::chain: lazy combinations of several ranges (Python's
// zip(a, b, ...) and itertools.chain(a, b, ...)).
//
//   for (auto [name, score] : views::zip(names, scores)) ...
//   for (int x : views::chain(head, views::range(0, 10), tail)) ...
//
// zip yields RefTuple<reference of each range...>, a std::tuple (see
// ref_tuple.h) through which elements of lvalue containers can be modified,
// and stops with the shortest range.
// chain yields the common reference type of its ranges; it calls begin() on
// a range only when the previous ones are exhausted, so chaining generators
// runs each one only when its turn comes.
//
// Lifetimes: as in view_map_filter.h, iterators point into their view.
#ifndef SLUICE_STREAM_VIEW_ZIP_CHAIN_H_
#define SLUICE_STREAM_VIEW_ZIP_CHAIN_H_

#include <concepts>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "sluice/stream/ref_tuple.h"
#include "sluice/stream/view_core.h"

namespace sluice::views {

template <std::ranges::input_range... Vs>
requires(sizeof...(Vs) > 0) && (std::ranges::view<Vs> && ...) class ZipView : public std::ranges::view_base {
  static constexpr bool kAllForward = (std::ranges::forward_range<Vs> && ...);

 public:
  class Iterator {
   public:
    using iterator_concept = std::conditional_t<kAllForward, std::forward_iterator_tag, std::input_iterator_tag>;
    using reference = RefTuple<std::ranges::range_reference_t<Vs>...>;
    using value_type = RefTuple<std::ranges::range_value_t<Vs>...>;
    using difference_type = std::common_type_t<std::ranges::range_difference_t<Vs>...>;

    Iterator() requires(std::default_initializable<std::ranges::iterator_t<Vs>>&&...) = default;
    Iterator(std::tuple<std::ranges::iterator_t<Vs>...> its, std::tuple<std::ranges::sentinel_t<Vs>...> ends)
        : its_(std::move(its)), ends_(std::move(ends)) {}

    reference operator*() const {
      return std::apply([](const auto&... it) { return reference(*it...); }, its_);
    }
    Iterator& operator++() {
      std::apply([](auto&... it) { (++it, ...); }, its_);
      return *this;
    }
    void operator++(int) { ++*this; }
    Iterator operator++(int) requires kAllForward {
      Iterator old = *this;
      ++*this;
      return old;
    }
    // All members move together, so the first one identifies the position.
    friend bool operator==(const Iterator& a, const Iterator& b) requires kAllForward {
      return std::get<0>(a.its_) == std::get<0>(b.its_);
    }
    // At the end as soon as any range is.
    friend bool operator==(const Iterator& it, std::default_sentinel_t) {
      return it.AnyAtEnd(std::index_sequence_for<Vs...>());
    }

   private:
    template <std::size_t... I>
    bool AnyAtEnd(std::index_sequence<I...>) const {
      return ((std::get<I>(its_) == std::get<I>(ends_)) || ...);
    }

    std::tuple<std::ranges::iterator_t<Vs>...> its_{};
    std::tuple<std::ranges::sentinel_t<Vs>...> ends_{};
  };

  explicit ZipView(Vs... bases) : bases_(std::move(bases)...) {}

  Iterator begin() {
    return std::apply(
        [](auto&... b) {
          return Iterator(std::tuple<std::ranges::iterator_t<Vs>...>(std::ranges::begin(b)...),
                          std::tuple<std::ranges::sentinel_t<Vs>...>(std::ranges::end(b)...));
        },
        bases_);
  }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  std::tuple<Vs...> bases_;
};

template <std::ranges::input_range V1, std::ranges::input_range V2>
requires std::ranges::view<V1> && std::ranges::view<V2> &&
    std::common_reference_with<std::ranges::range_reference_t<V1>, std::ranges::range_reference_t<V2>> && requires {
  typename std::common_type_t<std::ranges::range_value_t<V1>, std::ranges::range_value_t<V2>>;
}
class ChainView : public std::ranges::view_base {
  using It1 = std::ranges::iterator_t<V1>;
  using It2 = std::ranges::iterator_t<V2>;
  static constexpr bool kForward = std::ranges::forward_range<V1> && std::ranges::forward_range<V2>;

 public:
  class Iterator {
   public:
    using iterator_concept = std::conditional_t<kForward, std::forward_iterator_tag, std::input_iterator_tag>;
    using reference = std::common_reference_t<std::ranges::range_reference_t<V1>, std::ranges::range_reference_t<V2>>;
    using value_type = std::common_type_t<std::ranges::range_value_t<V1>, std::ranges::range_value_t<V2>>;
    using difference_type =
        std::common_type_t<std::ranges::range_difference_t<V1>, std::ranges::range_difference_t<V2>>;

    Iterator() requires std::default_initializable<It1>
    = default;
    Iterator(ChainView* parent, It1 it) : parent_(parent), cur_(std::in_place_index<0>, std::move(it)) { Settle(); }

    reference operator*() const {
      if (cur_.index() == 0) return static_cast<reference>(*std::get<0>(cur_));
      return static_cast<reference>(*std::get<1>(cur_));
    }
    Iterator& operator++() {
      if (cur_.index() == 0) {
        ++std::get<0>(cur_);
        Settle();
      } else {
        ++std::get<1>(cur_);
      }
      return *this;
    }
    void operator++(int) { ++*this; }
    Iterator operator++(int) requires kForward {
      Iterator old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) requires kForward { return a.cur_ == b.cur_; }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.Done(); }

   private:
    bool Done() const { return cur_.index() == 1 && std::get<1>(cur_) == std::ranges::end(parent_->second_); }

    // Leaving the first range: start the second one (only now).
    void Settle() {
      if (cur_.index() == 0 && std::get<0>(cur_) == std::ranges::end(parent_->first_)) {
        cur_.template emplace<1>(std::ranges::begin(parent_->second_));
      }
    }

    ChainView* parent_ = nullptr;
    std::variant<It1, It2> cur_;
  };

  ChainView(V1 first, V2 second) : first_(std::move(first)), second_(std::move(second)) {}

  Iterator begin() { return Iterator(this, std::ranges::begin(first_)); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  V1 first_;
  V2 second_;
};

// zip(r1, r2, ...): tuples of corresponding elements, as long as the
// shortest range.
struct ZipFn {
  template <stream_detail::Adaptable... Rs>
  requires(sizeof...(Rs) > 0) &&
      (std::ranges::input_range<stream_detail::AllT<Rs>> && ...) auto operator()(Rs&&... rs) const {
    return ZipView<stream_detail::AllT<Rs>...>(stream_detail::All(std::forward<Rs>(rs))...);
  }
};
inline constexpr ZipFn zip{};

// chain(r1, r2, ...): the elements of r1, then of r2, ...
struct ChainFn {
  template <stream_detail::Adaptable R>
  requires std::ranges::input_range<stream_detail::AllT<R>>
  auto operator()(R&& r) const { return stream_detail::All(std::forward<R>(r)); }
  template <stream_detail::Adaptable R1, stream_detail::Adaptable R2, stream_detail::Adaptable... Rs>
  auto operator()(R1&& r1, R2&& r2, Rs&&... rs) const {
    auto rest = (*this)(std::forward<R2>(r2), std::forward<Rs>(rs)...);
    return ChainView<stream_detail::AllT<R1>, decltype(rest)>(stream_detail::All(std::forward<R1>(r1)),
                                                              std::move(rest));
  }
};
inline constexpr ChainFn chain{};

}  // namespace sluice::views

#endif  // SLUICE_STREAM_VIEW_ZIP_CHAIN_H_
