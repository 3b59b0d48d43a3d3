//===- WorkloadScale.h - the optional scale argument of every workload ----===//
#ifndef RACEGATE_BENCH_WORKLOADSCALE_H
#define RACEGATE_BENCH_WORKLOADSCALE_H

#include <cstdio>
#include <cstdlib>

/// argv[1] scales the workload's default amount of work (1.0 when absent);
/// anything but a positive number ends the program with its usage.
inline double workloadScale(int argc, char **argv) {
  double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
  if (!(scale > 0)) {
    std::fprintf(stderr, "usage: %s [scale > 0]\n", argv[0]);
    std::exit(2);
  }
  return scale;
}

#endif
