#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace racegate {

// The live status line shown while a program runs (ProgressDisplay.h):
// "racegate: 3.2 s, 4 threads, 1 finding so far".
std::string formatProgressLine(std::chrono::milliseconds elapsed, long threads,
                               long findings);

// Threads of a live process, from /proc/PID/task (racegate's watchdog thread
// inside the program included); -1 when it cannot be read.
long countThreads(int pid);

// Counts the `finding` records appended to a findings stream since the last
// call, reading only the new bytes; a line still being written is counted
// once it is complete.
class FindingCounter {
public:
  explicit FindingCounter(std::filesystem::path stream)
      : stream(std::move(stream)) {}

  long update();
  long count() const { return findings; }

private:
  std::filesystem::path stream;
  std::uintmax_t offset = 0;
  std::string partialLine;
  long findings = 0;
};

} // namespace racegate
