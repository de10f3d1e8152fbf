// RefTuple<Ts...>: the element type of views::zip and views::enumerate -- a
// std::tuple (use std::get, structured bindings, comparisons, conversion to
// std::tuple) that may hold references into the zipped ranges.
//
// Why not plain std::tuple? An iterator whose reference is tuple<int&, ...>
// and whose value_type is tuple<int, ...> models std::indirectly_readable
// only if those two types have a common reference. C++23 declares one for
// std::tuple (P2321); C++20 does not, and the standard library's types may
// not be given one by us. RefTuple is our type, so it declares the C++23
// rule (std::basic_common_reference below) and the lvalue conversions the
// rule needs (tuple<int&> from tuple<int>&, also a C++23 addition).
#ifndef SLUICE_STREAM_REF_TUPLE_H_
#define SLUICE_STREAM_REF_TUPLE_H_

#include <concepts>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace sluice::views {

template <typename... Ts>
class RefTuple : public std::tuple<Ts...> {
  using Base = std::tuple<Ts...>;

 public:
  using Base::Base;
  RefTuple(const RefTuple&) = default;
  RefTuple(RefTuple&&) = default;
  RefTuple& operator=(const RefTuple&) = default;
  RefTuple& operator=(RefTuple&&) = default;

  // Element-wise conversions from other RefTuples, for every value category
  // (so that RefTuple<int&> binds to the elements of an lvalue RefTuple<int>).
  template <typename... Us>
  requires(sizeof...(Us) == sizeof...(Ts)) &&
      (!std::is_same_v<RefTuple<Us...>, RefTuple>)&&(std::constructible_from<Ts, Us&>&&...)
          RefTuple(RefTuple<Us...>& other)  // NOLINT: implicit, like std::tuple's
      : RefTuple(FromGets{}, static_cast<std::tuple<Us...>&>(other), std::index_sequence_for<Ts...>()) {}

  template <typename... Us>
  requires(sizeof...(Us) == sizeof...(Ts)) &&
      (!std::is_same_v<RefTuple<Us...>, RefTuple>)&&(std::constructible_from<Ts, const Us&>&&...)
          RefTuple(const RefTuple<Us...>& other)  // NOLINT
      : RefTuple(FromGets{}, static_cast<const std::tuple<Us...>&>(other), std::index_sequence_for<Ts...>()) {}

  template <typename... Us>
  requires(sizeof...(Us) == sizeof...(Ts)) &&
      (!std::is_same_v<RefTuple<Us...>, RefTuple>)&&(std::constructible_from<Ts, Us&&>&&...)
          RefTuple(RefTuple<Us...>&& other)  // NOLINT
      : RefTuple(FromGets{}, static_cast<std::tuple<Us...>&&>(other), std::index_sequence_for<Ts...>()) {}

 private:
  struct FromGets {};
  template <typename Tuple, std::size_t... I>
  RefTuple(FromGets, Tuple&& t, std::index_sequence<I...>) : Base(std::get<I>(std::forward<Tuple>(t))...) {}
};

template <typename... Ts>
RefTuple(Ts...) -> RefTuple<Ts...>;

}  // namespace sluice::views

// Structured bindings and std::tuple_size / tuple_element for RefTuple.
template <typename... Ts>
struct std::tuple_size<sluice::views::RefTuple<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};

template <std::size_t I, typename... Ts>
struct std::tuple_element<I, sluice::views::RefTuple<Ts...>> {
  using type = std::tuple_element_t<I, std::tuple<Ts...>>;
};

// The C++23 common-reference rule for tuples, for RefTuple.
template <typename... Ts, typename... Us, template <typename> class TQual, template <typename> class UQual>
requires(sizeof...(Ts) == sizeof...(Us)) && requires {
  typename sluice::views::RefTuple<std::common_reference_t<TQual<Ts>, UQual<Us>>...>;
}
struct std::basic_common_reference<sluice::views::RefTuple<Ts...>, sluice::views::RefTuple<Us...>, TQual, UQual> {
  using type = sluice::views::RefTuple<std::common_reference_t<TQual<Ts>, UQual<Us>>...>;
};

#endif  // SLUICE_STREAM_REF_TUPLE_H_
