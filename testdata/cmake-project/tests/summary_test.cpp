// Checks the summary text; counting through the shared tally first, it runs
// into the same race as tally_test.
#include "tally/tally.h"

#include <cstdio>

int main() {
  long total = tally::countInParallel(2, 500);
  std::string text = tally::summarise(total);
  std::printf("%s\n", text.c_str());
  return text.find(" hits (checksum ") != std::string::npos ? 0 : 1;
}
