// Task: a move-only, type-erased `void()` callable — the unit of work a
// ThreadPool runs.
//
// Role: std::function cannot hold move-only callables (a std::packaged_task,
// a lambda owning a unique_ptr), and C++23's std::move_only_function is not
// available in C++20, so the pool stores Tasks.
//
// Running a Task is noexcept: an exception escaping the callable terminates
// the process, as it would escaping a std::thread. Use ThreadPool::submit()
// to get exceptions delivered through a std::future instead.
//
// Thread safety: none; a Task is owned by one thread at a time.
#ifndef SLUICE_PARALLEL_TASK_H_
#define SLUICE_PARALLEL_TASK_H_

#include <concepts>
#include <memory>
#include <type_traits>
#include <utility>

namespace sluice::parallel {

class Task {
 public:
  // An empty task; calling it is a bug.
  Task() = default;

  template <typename F>
  requires(!std::same_as<std::decay_t<F>, Task> && std::invocable<std::decay_t<F>&>)
      Task(F&& f)  // NOLINT: implicit, so pool.schedule([] { ... }) reads well
      : impl_(std::make_unique<Impl<std::decay_t<F>>>(std::forward<F>(f))) {}

  Task(Task&&) noexcept = default;
  Task& operator=(Task&&) noexcept = default;

  explicit operator bool() const { return impl_ != nullptr; }

  // REQUIRES: *this is not empty. May be called more than once if the
  // callable allows it.
  void operator()() noexcept { impl_->Run(); }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void Run() = 0;
  };
  template <typename F>
  struct Impl final : Base {
    template <typename G>
    explicit Impl(G&& g) : f(std::forward<G>(g)) {}
    void Run() override { f(); }
    F f;
  };

  std::unique_ptr<Base> impl_;
};

}  // namespace sluice::parallel

#endif  // SLUICE_PARALLEL_TASK_H_
