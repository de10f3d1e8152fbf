// Lazy streams and lazy range adaptors: the public entry point of the stream
// module (chapter 4.2, "implicit sequences").
//
//   sluice::Stream<T>            memoised lazy linked list (stream/lazy_stream.h)
//   sluice::integers_from, map, filter, take, first_k, zip, zip_with, primes
//                                helpers building Streams (stream/stream_ops.h)
//   sluice::drain(stream)        walk a stream in bounded memory
//   sluice::views::...           lazy adaptors over any range (stream/views.h)
//   sluice::Generator<T>         co_yield coroutines        (sluice/generator.h)
//
// Header-only; depends on the C++ standard library only.
//
//   #include "sluice/stream.h"
//   using sluice::Stream;
//   auto squares = sluice::map([](int x) { return x * x; }, sluice::integers_from(3));
//   sluice::first_k(squares, 5);                      // {9, 16, 25, 36, 49}
//   sluice::first_k(sluice::primes(sluice::integers_from(2)), 7);  // {2, 3, 5, ..., 17}
//   for (int x : std::vector{1, 2, 3, 4} | sluice::views::filter(is_even)) ...
#ifndef SLUICE_STREAM_H_
#define SLUICE_STREAM_H_

#include "sluice/generator.h"
#include "sluice/stream/lazy_stream.h"
#include "sluice/stream/stream_ops.h"
#include "sluice/stream/views.h"

#endif  // SLUICE_STREAM_H_
