#pragma once

#include <string>

namespace tally {

// Counts hits from `threads` worker threads, `perThread` hits each, and
// returns the total the tally ended with. The count of hits is shared by the
// workers without a lock: the data race this project exists for.
long countInParallel(int threads, int perThread);

// "N hits (checksum C)" for a total.
std::string summarise(long hits);

} // namespace tally

extern "C" unsigned tally_checksum(long value);
