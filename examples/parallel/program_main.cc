// The main() of every chapter 4.8 example program: runs one of the
// src/chapter functions (parallel_programs.h), chosen when the program is
// built (SLUICE_EXAMPLE_RUN=RunRacyCounter, ...), on stdout.
#include <cstdio>

#include "chapter/parallel_programs.h"

#ifndef SLUICE_EXAMPLE_RUN
#error "define SLUICE_EXAMPLE_RUN as the Run* function of parallel_programs.h to call"
#endif

int main() { return sluice::chapter::SLUICE_EXAMPLE_RUN(stdout); }
