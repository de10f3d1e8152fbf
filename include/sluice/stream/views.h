// sluice::views: lazy adaptors over any C++ range or iterator/sentinel pair
// (vectors, Streams, Generators, std::views, ...).
//
//   map(f, r)  filter(pred, r)  take(r, n)  take_while(pred, r)
//   zip(r1, r2, ...)  chain(r1, r2, ...)  enumerate(r[, start])  chunk(r, n)
//   range(start, stop[, step])                        (a lazy integer range)
//   to_vector(r)                                      (eager terminal)
//
// All but zip, chain, range and to_vector's call form also come as pipes:
//
//   auto squares = v | views::filter(is_even) | views::map(square) | views::take(10);
//
// They live in sluice::views, apart from the Stream helpers sluice::map,
// sluice::filter and sluice::take, which build memoised Streams instead of
// views (see src/stream/README.md for why the names are split this way).
#ifndef SLUICE_STREAM_VIEWS_H_
#define SLUICE_STREAM_VIEWS_H_

#include "sluice/stream/ref_tuple.h"
#include "sluice/stream/view_core.h"
#include "sluice/stream/view_enumerate_chunk.h"
#include "sluice/stream/view_map_filter.h"
#include "sluice/stream/view_range.h"
#include "sluice/stream/view_take.h"
#include "sluice/stream/view_zip_chain.h"

#endif  // SLUICE_STREAM_VIEWS_H_
