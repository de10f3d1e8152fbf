// The `sluice demo` program: a guided tour of chapter 4.2 (lazy streams) and
// 4.8 (parallel computing) run on the library's own primitives, including
// the chapter 4.8 programs of parallel_programs.h. Its output is
// deterministic — every concurrent part either synchronises its printing or
// reports a value fixed by the synchronisation — so tests/cli/demo.expected
// pins it byte for byte. It takes no options.
#ifndef SLUICE_CHAPTER_DEMO_MAIN_H_
#define SLUICE_CHAPTER_DEMO_MAIN_H_

namespace sluice::chapter {

// Prints the tour on stdout; returns the exit status (0).
int DemoMain();

}  // namespace sluice::chapter

#endif  // SLUICE_CHAPTER_DEMO_MAIN_H_
