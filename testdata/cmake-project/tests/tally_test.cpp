// Passes on its own: lost updates make the total smaller, never zero. Only a
// race detector tells that the count is wrong by construction.
#include "tally/tally.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  long total = tally::countInParallel(threads, 1000);
  std::printf("%s\n", tally::summarise(total).c_str());
  return total > 0 ? 0 : 1;
}
