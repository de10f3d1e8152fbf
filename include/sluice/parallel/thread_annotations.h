// Clang thread-safety annotations (-Wthread-safety), as in
// leveldb/port/thread_annotations.h and abseil's thread_annotations.h.
//
// Role: lets the compiler check the locking discipline of every class in
// sluice that shares state between threads. A member declared
//   int count_ GUARDED_BY(mu_);
// may only be touched while `mu_` is held; a method declared
//   void Grow() REQUIRES(mu_);
// may only be called with `mu_` held. The clang build turns violations into
// errors (-Wthread-safety -Werror); on other compilers the macros expand to
// nothing. Use sluice::parallel::Mutex / MutexLock (mutex.h): std::mutex
// itself carries no annotations in libstdc++.
//
// Each macro is only defined if nobody defined it before (leveldb does the
// same), so including another library's annotation header first is harmless.
#ifndef SLUICE_PARALLEL_THREAD_ANNOTATIONS_H_
#define SLUICE_PARALLEL_THREAD_ANNOTATIONS_H_

#if defined(__clang__)
#define SLUICE_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define SLUICE_THREAD_ANNOTATION_(x)  // no-op: only clang checks these
#endif

// --- on data members -------------------------------------------------------

// The member may only be read or written while holding capability `x`.
#ifndef GUARDED_BY
#define GUARDED_BY(x) SLUICE_THREAD_ANNOTATION_(guarded_by(x))
#endif

// The object the (smart) pointer points to is guarded by `x`; the pointer
// itself is not.
#ifndef PT_GUARDED_BY
#define PT_GUARDED_BY(x) SLUICE_THREAD_ANNOTATION_(pt_guarded_by(x))
#endif

// Lock ordering: this mutex is acquired after / before the listed ones.
#ifndef ACQUIRED_AFTER
#define ACQUIRED_AFTER(...) SLUICE_THREAD_ANNOTATION_(acquired_after(__VA_ARGS__))
#endif
#ifndef ACQUIRED_BEFORE
#define ACQUIRED_BEFORE(...) SLUICE_THREAD_ANNOTATION_(acquired_before(__VA_ARGS__))
#endif

// --- on functions ------------------------------------------------------------

// The caller must hold the capabilities (exclusively / shared).
#ifndef REQUIRES
#define REQUIRES(...) SLUICE_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#endif
#ifndef REQUIRES_SHARED
#define REQUIRES_SHARED(...) SLUICE_THREAD_ANNOTATION_(requires_shared_capability(__VA_ARGS__))
#endif
// Older spellings, kept because leveldb-style code uses them.
#ifndef EXCLUSIVE_LOCKS_REQUIRED
#define EXCLUSIVE_LOCKS_REQUIRED(...) SLUICE_THREAD_ANNOTATION_(exclusive_locks_required(__VA_ARGS__))
#endif
#ifndef SHARED_LOCKS_REQUIRED
#define SHARED_LOCKS_REQUIRED(...) SLUICE_THREAD_ANNOTATION_(shared_locks_required(__VA_ARGS__))
#endif

// The function acquires / releases the capabilities (no argument: `this`).
#ifndef ACQUIRE
#define ACQUIRE(...) SLUICE_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#endif
#ifndef ACQUIRE_SHARED
#define ACQUIRE_SHARED(...) SLUICE_THREAD_ANNOTATION_(acquire_shared_capability(__VA_ARGS__))
#endif
#ifndef RELEASE
#define RELEASE(...) SLUICE_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#endif
#ifndef RELEASE_SHARED
#define RELEASE_SHARED(...) SLUICE_THREAD_ANNOTATION_(release_shared_capability(__VA_ARGS__))
#endif
// The function tries to acquire; the first argument is the return value that
// means success.
#ifndef TRY_ACQUIRE
#define TRY_ACQUIRE(...) SLUICE_THREAD_ANNOTATION_(try_acquire_capability(__VA_ARGS__))
#endif

// The caller must NOT hold the capabilities (the function takes them itself;
// calling it with them held would self-deadlock).
#ifndef EXCLUDES
#define EXCLUDES(...) SLUICE_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#endif
#ifndef LOCKS_EXCLUDED
#define LOCKS_EXCLUDED(...) SLUICE_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#endif

// Tells the analysis that the capability is held here (checked at run time,
// if at all, by the function itself).
#ifndef ASSERT_CAPABILITY
#define ASSERT_CAPABILITY(x) SLUICE_THREAD_ANNOTATION_(assert_capability(x))
#endif

// The function returns a reference to the given capability.
#ifndef RETURN_CAPABILITY
#define RETURN_CAPABILITY(x) SLUICE_THREAD_ANNOTATION_(lock_returned(x))
#endif

// Turns the analysis off for one function. Every use needs a comment saying
// why the locking is correct anyway.
#ifndef NO_THREAD_SAFETY_ANALYSIS
#define NO_THREAD_SAFETY_ANALYSIS SLUICE_THREAD_ANNOTATION_(no_thread_safety_analysis)
#endif

// --- on classes ----------------------------------------------------------------

// Instances of the class are capabilities (locks); `x` names the kind in
// diagnostics ("mutex").
#ifndef CAPABILITY
#define CAPABILITY(x) SLUICE_THREAD_ANNOTATION_(capability(x))
#endif
#ifndef LOCKABLE
#define LOCKABLE SLUICE_THREAD_ANNOTATION_(lockable)
#endif

// The class is an RAII holder: its constructor acquires and its destructor
// releases a capability (MutexLock).
#ifndef SCOPED_CAPABILITY
#define SCOPED_CAPABILITY SLUICE_THREAD_ANNOTATION_(scoped_lockable)
#endif

#endif  // SLUICE_PARALLEL_THREAD_ANNOTATIONS_H_
