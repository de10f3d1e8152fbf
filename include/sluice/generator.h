// Generator<T>: a C++20 coroutine that produces a sequence with co_yield
// (Python's generator functions; chapter 4.2 "generators").
//
//   sluice::Generator<long> naturals() {
//     for (long n = 0;; ++n) co_yield n;
//   }
//   for (long x : naturals() | sluice::views::take(5)) ...   // 0 1 2 3 4
//
// Call order. Calling a generator function only creates the coroutine frame;
// the body runs when begin() is called, up to its first co_yield, and then
// from one co_yield to the next on each iterator increment -- the element is
// computed when it is requested, as with Python's next(). The body never runs
// ahead of the consumer.
//
// Ownership and lifetime. A Generator owns its coroutine frame: it is
// move-only, and its destructor destroys the frame wherever the coroutine is
// suspended, running the destructors of the body's live locals (so abandoning
// an infinite generator early frees everything it holds). Iterators point at
// the frame and are valid while the Generator lives; moving the Generator
// keeps them valid.
//
// Values. The iterator's reference is T& for a non-reference T and refers to
// the object named in co_yield, which lives until the coroutine resumes; the
// consumer may move from it. `co_yield` of a const lvalue copies it first.
//
// Exceptions. An exception escaping the body is caught at the coroutine
// boundary and rethrown to the consumer from begin() or operator++ (whichever
// resumed the body); the generator is then finished.
//
// An input range (single pass): REQUIRES begin() to be called at most once
// (a second call returns the current position without resuming). It models
// std::ranges::view, so it can be moved into sluice::views adaptors and std
// views alike.
//
// Thread safety: none; one thread at a time may use a Generator and its
// iterators (it may move between threads with external synchronisation).
#ifndef SLUICE_GENERATOR_H_
#define SLUICE_GENERATOR_H_

#include <coroutine>
#include <cstddef>
#include <exception>
#include <iterator>
#include <memory>
#include <ranges>
#include <type_traits>
#include <utility>

namespace sluice {

template <typename T>
class [[nodiscard]] Generator : public std::ranges::view_base {
 public:
  using value_type = std::remove_cvref_t<T>;
  using reference = std::conditional_t<std::is_reference_v<T>, T, T&>;
  using pointer = std::add_pointer_t<reference>;

  class promise_type;
  using Handle = std::coroutine_handle<promise_type>;

  class promise_type {
   public:
    Generator get_return_object() noexcept { return Generator(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }

    // co_yield of an lvalue or rvalue: the object lives in the coroutine
    // frame (or is a temporary of the co_yield full-expression) until the
    // coroutine resumes, so a pointer to it is enough.
    std::suspend_always yield_value(std::remove_reference_t<T>& v) noexcept {
      value_ = std::addressof(v);
      return {};
    }
    std::suspend_always yield_value(std::remove_reference_t<T>&& v) noexcept {
      value_ = std::addressof(v);
      return {};
    }
    // co_yield of a const lvalue for a non-const, non-reference T: copy it
    // into the awaiter, which lives in the frame across the suspension.
    struct CopyAwaiter {
      value_type copy;
      promise_type* promise;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) noexcept { promise->value_ = std::addressof(copy); }
      void await_resume() const noexcept {}
    };
    CopyAwaiter yield_value(const value_type& v) requires(!std::is_reference_v<T> && !std::is_const_v<T>) {
      return CopyAwaiter{v, this};
    }

    void return_void() noexcept {}
    void unhandled_exception() noexcept { exception_ = std::current_exception(); }

    // Generators only yield; co_await inside one is a compile error.
    template <typename U>
    std::suspend_never await_transform(U&&) = delete;

    reference value() const noexcept { return static_cast<reference>(*value_); }
    void RethrowIfFailed() {
      if (exception_) std::rethrow_exception(std::exchange(exception_, nullptr));
    }

   private:
    pointer value_ = nullptr;
    std::exception_ptr exception_;
  };

  class iterator {
   public:
    using iterator_concept = std::input_iterator_tag;
    using value_type = Generator::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = Generator::reference;

    iterator() = default;
    explicit iterator(Handle h) noexcept : h_(h) {}

    reference operator*() const noexcept { return h_.promise().value(); }
    pointer operator->() const noexcept { return std::addressof(operator*()); }
    // Resumes the body up to its next co_yield (or its end); rethrows an
    // exception that escaped the body.
    iterator& operator++() {
      h_.resume();
      if (h_.done()) h_.promise().RethrowIfFailed();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return !it.h_ || it.h_.done(); }

   private:
    Handle h_;
  };

  Generator() noexcept = default;
  Generator(Generator&& other) noexcept : h_(std::exchange(other.h_, {})), started_(other.started_) {}
  Generator& operator=(Generator&& other) noexcept {
    if (this != &other) {
      Reset();
      h_ = std::exchange(other.h_, {});
      started_ = other.started_;
    }
    return *this;
  }
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;
  ~Generator() { Reset(); }

  // Runs the body to its first co_yield. May rethrow (see Exceptions).
  iterator begin() {
    if (h_ && !started_) {
      started_ = true;
      h_.resume();
      if (h_.done()) h_.promise().RethrowIfFailed();
    }
    return iterator(h_);
  }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  explicit Generator(Handle h) noexcept : h_(h) {}

  void Reset() noexcept {
    if (h_) h_.destroy();
    h_ = {};
  }

  Handle h_;
  bool started_ = false;
};

}  // namespace sluice

#endif  // SLUICE_GENERATOR_H_
