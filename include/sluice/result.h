// Result<T>: either a value of type T or a non-OK Status explaining why there
// is none (the shape of absl::StatusOr). Accessing the value of an error
// Result is a bug and aborts with the status message.
#ifndef SLUICE_RESULT_H_
#define SLUICE_RESULT_H_

#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include "sluice/status.h"

namespace sluice {

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Status>, "Result<Status> makes no sense");

 public:
  // REQUIRES: !status.ok(). An OK status without a value is turned into an
  // Internal error so that the mistake is visible rather than undefined.
  Result(Status status)  // NOLINT: implicit so `return Status::...;` reads well
      : state_(status.ok() ? Status::Internal("Result constructed from an OK status without a value")
                           : std::move(status)) {}
  Result(const T& value) : state_(value) {}        // NOLINT
  Result(T&& value) : state_(std::move(value)) {}  // NOLINT
  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Status> &&
                                        !std::is_same_v<std::decay_t<U>, Result>>>
  Result(U&& value) : state_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return state_.index() == 1; }

  // OK when a value is present.
  Status status() const { return ok() ? Status::OK() : std::get<0>(state_); }

  T& value() & {
    CheckOk();
    return std::get<1>(state_);
  }
  const T& value() const& {
    CheckOk();
    return std::get<1>(state_);
  }
  T&& value() && {
    CheckOk();
    return std::get<1>(std::move(state_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<1>(state_) : T(std::forward<U>(fallback));
  }

 private:
  void CheckOk() const {
    if (!ok()) {
      std::fprintf(stderr, "sluice: value() of an error Result: %s\n", std::get<0>(state_).ToString().c_str());
      std::abort();
    }
  }

  std::variant<Status, T> state_;
};

}  // namespace sluice

// Evaluates `rexpr` (a Result); on error returns its status from the
// enclosing function, otherwise moves the value into `lhs` (a declaration).
#define SLUICE_ASSIGN_OR_RETURN(lhs, rexpr) \
  SLUICE_ASSIGN_OR_RETURN_IMPL_(SLUICE_CONCAT_(sluice_result_, __LINE__), lhs, rexpr)
#define SLUICE_CONCAT_INNER_(a, b) a##b
#define SLUICE_CONCAT_(a, b) SLUICE_CONCAT_INNER_(a, b)
#define SLUICE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                  \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

#endif  // SLUICE_RESULT_H_
