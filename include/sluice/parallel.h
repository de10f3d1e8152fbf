// sluice/parallel.h: the parallel primitives of sluice in one include.
//
// Role: threads, synchronization and inter-process message passing for the
// rest of the engine (chapter 4.8). Module: src/parallel (see its README.md);
// namespace sluice::parallel.
//
//   thread_annotations.h  GUARDED_BY, REQUIRES, ... checked by clang
//   mutex.h               Mutex, MutexLock, CondVar
//   sync_queue.h          SyncQueue<T>: FIFO, bounded or not, close, task_done/join
//   latch.h, barrier.h    Latch (one-shot countdown), Barrier (reusable phases)
//   task.h, thread_pool.h Task, ThreadPool (submit -> future, drain/cancel)
//   parallel_for.h        parallel_for / parallel_for_chunks over index ranges
//   pipe.h                Pipe (length-prefixed messages between processes),
//                         fork_child / run_in_child
#ifndef SLUICE_PARALLEL_H_
#define SLUICE_PARALLEL_H_

#include "sluice/parallel/barrier.h"
#include "sluice/parallel/latch.h"
#include "sluice/parallel/mutex.h"
#include "sluice/parallel/parallel_for.h"
#include "sluice/parallel/pipe.h"
#include "sluice/parallel/sync_queue.h"
#include "sluice/parallel/task.h"
#include "sluice/parallel/thread_annotations.h"
#include "sluice/parallel/thread_pool.h"

#endif  // SLUICE_PARALLEL_H_
