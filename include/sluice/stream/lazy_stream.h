// Stream<T>: a lazily computed, memoised linked list (chapter 4.2, "python
// streams").
//
// A stream is either empty or a node holding its `first` element and a
// compute_rest function. The rest of the stream is computed the first time
// rest() is asked for, stored in the node, and the function is discarded, so
// compute_rest runs at most once per node -- also when several threads ask at
// the same moment. Infinite sequences are therefore cheap to describe:
//
//   Stream<int> ints(int n) { return Stream<int>(n, [n] { return ints(n + 1); }); }
//
// Representation. A Stream is a handle (one pointer) to a reference-counted,
// immutable-once-computed node; copying a Stream shares the node (value
// semantics with shared structure, like a persistent list). Each node is one
// heap allocation holding the reference count, a state word, `first`, the
// memoised rest, and -- until it has run -- the compute_rest callable itself.
//
// Node state machine (state_):
//
//   kPending --CAS--> kComputing --(compute_rest returned)--> kDone
//        ^                 |  \--(a waiter arrived)--> kWaited --> kDone
//        +----(compute_rest threw: waiters woken, rest stays uncomputed)
//
// The thread that wins the CAS runs compute_rest with no lock held; others
// block in std::atomic::wait until the state leaves kComputing/kWaited. The
// rest is published by the release-exchange to kDone and read after an
// acquire-load, so memoisation is data-race free (and TSan-clean) without a
// mutex per node. If compute_rest drops the last handle to its own node,
// Release() marks the node kOrphaned instead of deleting it under the
// computing thread's feet, and that thread deletes it when done.
//
// Destruction. A memoised chain of N nodes owned only through `rest` links
// would be destroyed recursively (~node -> ~rest -> ~node ...) and overflow
// the stack for long streams. Release() instead walks the chain in a loop:
// while the node it drops was the last reference, it detaches the node's rest
// link, deletes the node and continues with the rest. No recursion depth
// depends on the stream's length.
//
// Memory. A Stream value keeps alive every memoised node reachable from it.
// Walking an infinite stream while holding its head therefore grows memory
// (as in Python); walk with `s = s.rest()` or drain() to release as you go.
// `s = std::move(s).rest()` (what drain() and the iterators do) also frees a
// node that only s refers to on the spot, without reference-count traffic.
//
// Cost per element (see bench/stream): one allocation, two atomic
// read-modify-writes to claim and publish the rest, and for a non-consuming
// walk two more for the handle copy and release.
//
// Thread safety: all const members (first, rest, to_string, iteration) may be
// called concurrently on the same or on shared Streams. Assigning to one
// Stream object while another thread reads that same object is a data race,
// as for std::shared_ptr.
#ifndef SLUICE_STREAM_LAZY_STREAM_H_
#define SLUICE_STREAM_LAZY_STREAM_H_

#include <atomic>
#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <iterator>
#include <memory>
#include <new>
#include <ostream>
#include <ranges>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

#include "sluice/stream/check.h"
#include "sluice/stream/repr.h"

namespace sluice {

template <typename T>
class Stream;

namespace stream_detail {

template <typename T>
class Node;
template <typename T, typename F>
class ThunkNode;

}  // namespace stream_detail

template <typename T>
class Stream : public std::ranges::view_base {
  static_assert(std::is_object_v<T> && !std::is_const_v<T>, "Stream<T> needs a non-const object type");
  using Node = stream_detail::Node<T>;

 public:
  using value_type = T;
  class iterator;

  // The empty stream (Python's Stream.empty).
  Stream() noexcept = default;
  static Stream empty() noexcept { return Stream(); }

  // A one-element stream: `first` followed by empty (the default compute_rest).
  explicit Stream(T first) : node_(new Node(std::move(first), Node::kDone)) {}

  // `first`, then whatever compute_rest() returns when rest() is first asked.
  // REQUIRES: compute_rest is callable with no arguments and returns a
  // Stream<T>; it must not call rest() on the node it belongs to (that would
  // wait for itself), nor destroy the Stream object rest() was called on (it
  // may reassign it, even drop the node's last handle). It is called at most
  // once, then destroyed; if it throws, the exception reaches the caller of
  // rest() and a later rest() retries.
  template <typename F>
  requires std::invocable<F&> && std::convertible_to<std::invoke_result_t<F&>, Stream> Stream(T first, F compute_rest)
      : node_(new stream_detail::ThunkNode<T, F>(std::move(first), std::move(compute_rest))) {}

  Stream(const Stream& other) noexcept : node_(other.node_) { Acquire(node_); }
  Stream(Stream&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  Stream& operator=(const Stream& other) noexcept {
    Stream(other).swap(*this);  // take the new reference before dropping the old
    return *this;
  }
  Stream& operator=(Stream&& other) noexcept {
    Stream(std::move(other)).swap(*this);
    return *this;
  }
  ~Stream() { Release(node_); }

  void swap(Stream& other) noexcept { std::swap(node_, other.node_); }

  bool is_empty() const noexcept { return node_ == nullptr; }

  // REQUIRES: !is_empty(). The reference lives as long as any Stream that
  // shares this node.
  const T& first() const;

  // The memoised rest, computing it on first use (blocking while another
  // thread computes it). REQUIRES: !is_empty().
  // The && overload serves walks that consume their handle,
  //   s = std::move(s).rest();
  // and frees the node on the spot when this was its only handle.
  Stream rest() const&;
  Stream rest() &&;

  // True once rest() has been computed (for tests and diagnostics).
  // REQUIRES: !is_empty().
  bool rest_computed() const;

  // "Stream(1, <...>)" or "Stream.empty", as the chapter's __repr__.
  std::string to_string() const;
  friend std::ostream& operator<<(std::ostream& os, const Stream& s) { return os << s.to_string(); }

  // Iteration (a forward range: multi-pass, because nodes are memoised).
  // Iterating keeps every visited node alive while this Stream is alive.
  iterator begin() const { return iterator(*this); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  template <typename U>
  friend class stream_detail::Node;

  // Adopts one reference to `node` (no increment).
  explicit Stream(Node* node) noexcept : node_(node) {}

  static void Acquire(Node* n) noexcept {
    if (n != nullptr) n->refs_.fetch_add(1, std::memory_order_relaxed);
  }
  // Drops one reference to n (none if already_unreferenced: the caller owns
  // the node outright) and deletes the nodes that become unreferenced.
  static void Release(Node* n, bool already_unreferenced = false) noexcept;

  Node* node_ = nullptr;  // owns one reference; nullptr == empty
};

template <typename T>
Stream(T) -> Stream<T>;
template <typename T, typename F>
Stream(T, F) -> Stream<T>;

// Forward iterator over a Stream; holds (shares) the current node.
template <typename T>
class Stream<T>::iterator {
 public:
  using iterator_concept = std::forward_iterator_tag;
  using iterator_category = std::forward_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using reference = const T&;
  using pointer = const T*;

  iterator() = default;
  explicit iterator(Stream s) noexcept : cur_(std::move(s)) {}

  const T& operator*() const { return cur_.first(); }
  const T* operator->() const { return std::addressof(cur_.first()); }
  iterator& operator++() {
    cur_ = std::move(cur_).rest();
    return *this;
  }
  iterator operator++(int) {
    iterator old = *this;
    ++*this;
    return old;
  }
  // Iterators are equal when they stand on the same node.
  friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.cur_.node_ == b.cur_.node_; }
  friend bool operator==(const iterator& a, std::default_sentinel_t) noexcept { return a.cur_.is_empty(); }

  // The stream from this position on.
  const Stream& stream() const noexcept { return cur_; }

 private:
  Stream cur_;
};

namespace stream_detail {

// One cell of a Stream. Nodes with nothing left to compute (one-element
// streams) are plain Nodes created in state kDone; nodes with a compute_rest
// are ThunkNodes, which keep the callable inline until it has run.
template <typename T>
class Node {
 public:
  enum : int { kPending = 0, kComputing = 1, kWaited = 2, kDone = 3 };
  // Or-ed into kComputing/kWaited by Release() when compute_rest dropped the
  // last handle to its own node: the computing thread then deletes the node.
  static constexpr int kOrphaned = 4;

  Node(T first, int state) : state_(state), first_(std::move(first)) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node() = default;

  const T& first() const noexcept { return first_; }
  bool computed() const noexcept { return state_.load(std::memory_order_acquire) == kDone; }

 protected:
  // Runs compute_rest; called by exactly one thread, in state kComputing.
  // The default (one-element nodes start kDone) is never reached.
  virtual Stream<T> Compute() { return Stream<T>(); }

 private:
  friend class Stream<T>;

  // The slow path of Stream::rest(): makes sure rest_ is computed, running
  // compute_rest if this thread wins the claim, else waiting for the winner.
  // `pin` is the handle rest() was called on. Once kDone is published the
  // node may die as soon as no handle refers to it, so:
  //   kPinned:   pin still refers to this node; read rest_ through it.
  //   kCopied:   compute_rest redirected pin; `out` holds the rest (copied
  //              before publishing) and the node must not be touched.
  //   kOrphaned: compute_rest dropped every handle; `out` holds the rest and
  //              the caller now owns the node and must Release(n, true) it.
  enum class ForceResult { kPinned, kCopied, kOrphaned };
  ForceResult Force(const Stream<T>& pin, Stream<T>& out);

  std::atomic<int> refs_{1};
  std::atomic<int> state_;
  T first_;
  Stream<T> rest_;  // written once, before state_ becomes kDone
};

template <typename T>
typename Node<T>::ForceResult Node<T>::Force(const Stream<T>& pin, Stream<T>& out) {
  int s = state_.load(std::memory_order_acquire);
  for (;;) {
    if (s == kDone) return ForceResult::kPinned;  // computed by another thread; pin holds us
    if (s == kPending) {
      if (state_.compare_exchange_weak(s, kComputing, std::memory_order_acquire, std::memory_order_acquire)) break;
      continue;  // s reloaded
    }
    if (s == kComputing) {  // tell the computing thread that someone waits
      if (!state_.compare_exchange_weak(s, kWaited, std::memory_order_acquire, std::memory_order_acquire)) continue;
      s = kWaited;
    }
    state_.wait(s, std::memory_order_acquire);  // until the computing thread publishes or fails
    s = state_.load(std::memory_order_acquire);
  }

  // We won the claim: run compute_rest with no lock held.
  Stream<T> rest;
  try {
    rest = Compute();
  } catch (...) {
    const int prev = state_.exchange(kPending, std::memory_order_acq_rel);
    if ((prev & kOrphaned) != 0) {
      delete this;  // nobody else can reach it; compute_rest is still alive in it
    } else if (prev == kWaited) {
      state_.notify_all();  // a waiter retries
    }
    throw;
  }
  rest_ = std::move(rest);
  const bool pinned = pin.node_ == this;
  if (!pinned) out = rest_;
  const int prev = state_.exchange(kDone, std::memory_order_acq_rel);
  if (prev == kWaited) state_.notify_all();
  if ((prev & kOrphaned) != 0) return ForceResult::kOrphaned;
  return pinned ? ForceResult::kPinned : ForceResult::kCopied;
}

template <typename T, typename F>
class ThunkNode final : public Node<T> {
 public:
  ThunkNode(T first, F fn) : Node<T>(std::move(first), Node<T>::kPending) {
    ::new (static_cast<void*>(std::addressof(fn_))) F(std::move(fn));
  }
  ~ThunkNode() override {
    if (!this->computed()) fn_.~F();  // still holds compute_rest (never ran)
  }

 protected:
  Stream<T> Compute() override {
    Stream<T> rest = static_cast<Stream<T>>(std::invoke(fn_));
    fn_.~F();  // compute_rest is discarded once it has run (chapter: = None)
    return rest;
  }

 private:
  union {
    F fn_;  // alive while state is kPending / kComputing
  };
};

}  // namespace stream_detail

template <typename T>
void Stream<T>::Release(Node* n, bool already_unreferenced) noexcept {
  // Iterative: each pass drops one reference; when it was the last one, the
  // node's rest link is stolen before the node is deleted, so deleting never
  // recurses down the chain.
  if (n != nullptr && !already_unreferenced && n->refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  while (n != nullptr) {
    int s = n->state_.load(std::memory_order_acquire);
    while (s == Node::kComputing || s == Node::kWaited) {
      // compute_rest of this very node dropped its last handle: the computing
      // thread still uses the node, so hand the deletion over to it.
      if (n->state_.compare_exchange_weak(s, s | Node::kOrphaned, std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
        return;
      }
    }
    Node* next = std::exchange(n->rest_.node_, nullptr);  // the reference rest_ held
    delete n;
    n = next;
    if (n != nullptr && n->refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  }
}

template <typename T>
const T& Stream<T>::first() const {
  if (node_ == nullptr) [[unlikely]]
    stream_detail::Fatal("first() of Stream.empty");
  return node_->first();
}

template <typename T>
Stream<T> Stream<T>::rest() const& {
  if (node_ == nullptr) [[unlikely]]
    stream_detail::Fatal("rest() of Stream.empty");
  Node* n = node_;
  if (!n->computed()) {
    Stream out;
    switch (n->Force(*this, out)) {
      case Node::ForceResult::kPinned: break;
      case Node::ForceResult::kCopied: return out;
      case Node::ForceResult::kOrphaned: Release(n, /*already_unreferenced=*/true); return out;
    }
  }
  return n->rest_;
}

template <typename T>
Stream<T> Stream<T>::rest() && {
  if (node_ == nullptr) [[unlikely]]
    stream_detail::Fatal("rest() of Stream.empty");
  Node* n = node_;
  if (!n->computed()) {
    Stream out;
    switch (n->Force(*this, out)) {
      case Node::ForceResult::kPinned: break;
      case Node::ForceResult::kCopied: return out;
      case Node::ForceResult::kOrphaned: Release(n, /*already_unreferenced=*/true); return out;
    }
  }
  // This handle is being consumed, so no other thread may read it now; if it
  // is also the node's only handle, nobody else can reach the node: move the
  // rest out and free the node without touching any reference count.
  if (n->refs_.load(std::memory_order_acquire) == 1) {
    node_ = nullptr;
    Stream rest(std::exchange(n->rest_.node_, nullptr));
    delete n;
    return rest;
  }
  return n->rest_;
}

template <typename T>
bool Stream<T>::rest_computed() const {
  if (node_ == nullptr) [[unlikely]]
    stream_detail::Fatal("rest_computed() of Stream.empty");
  return node_->computed();
}

template <typename T>
std::string Stream<T>::to_string() const {
  if (node_ == nullptr) return "Stream.empty";
  std::ostringstream os;
  os << "Stream(";
  stream_detail::Repr(os, node_->first());
  os << ", <...>)";
  return os.str();
}

// An input range that owns a stream and releases each node as soon as the
// iteration has moved past it (when nobody else shares it). Use it to walk
// long or infinite streams in bounded memory:
//   for (long x : drain(integers_from(0L))) { if (x > 1e9) break; }
// REQUIRES: begin() is called at most once.
template <typename T>
class StreamDrain : public std::ranges::view_base {
 public:
  class iterator {
   public:
    using iterator_concept = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    explicit iterator(Stream<T> s) noexcept : cur_(std::move(s)) {}
    iterator(iterator&&) noexcept = default;
    iterator& operator=(iterator&&) noexcept = default;

    const T& operator*() const { return cur_.first(); }
    iterator& operator++() {
      cur_ = std::move(cur_).rest();  // the old node dies here if this was its last owner
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return it.cur_.is_empty(); }

   private:
    Stream<T> cur_;
  };

  StreamDrain() = default;
  explicit StreamDrain(Stream<T> s) noexcept : s_(std::move(s)) {}

  iterator begin() { return iterator(std::move(s_)); }
  std::default_sentinel_t end() const noexcept { return std::default_sentinel; }

 private:
  Stream<T> s_;
};

template <typename T>
StreamDrain<T> drain(Stream<T> s) noexcept {
  return StreamDrain<T>(std::move(s));
}

}  // namespace sluice

#endif  // SLUICE_STREAM_LAZY_STREAM_H_
