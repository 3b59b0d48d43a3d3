#pragma once

#include "ProgressLine.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace racegate {

// The live status line on a terminal while an analysed program runs.
//
// The program's output goes to the same terminal, so drawing a line there
// behind its back would garble both. Instead the program writes to a
// pseudo-terminal (so it still sees a terminal, with the same line
// buffering and colours), and the display relays that output to racegate's
// stderr, erasing the status line before each chunk and redrawing it after
// complete lines. The line appears once the program has run for a second
// and is erased at the end, leaving nothing behind.
class ProgressDisplay {
public:
  // A display on `terminalFd`, or nullptr when no pseudo-terminal is
  // available (the program then writes to stderr directly, without one).
  static std::unique_ptr<ProgressDisplay> open(std::filesystem::path streamPath,
                                               int terminalFd);

  ~ProgressDisplay();
  ProgressDisplay(const ProgressDisplay &) = delete;
  ProgressDisplay &operator=(const ProgressDisplay &) = delete;

  // What the child's stdout and stderr should be.
  int childOutputFd() const { return childFd; }
  // Called once the child runs: racegate's copy of the child's side must be
  // closed, or the relay would never see the end of its output.
  void childStarted();
  // Relays output for up to `budget` and redraws the status line when due.
  void whileRunning(int pid, std::chrono::milliseconds budget);
  // Relays what is left and erases the status line.
  void finish();

private:
  ProgressDisplay(int ptyFd, int childFd, int terminalFd,
                  std::filesystem::path streamPath);

  void relay(const char *data, size_t size);
  void draw(int pid);
  /// Draws the status line with \p threads, whatever the time.
  void drawLine(std::chrono::milliseconds elapsed, long threads);
  void erase();
  bool pump(std::chrono::milliseconds wait);

  int ptyFd;
  int childFd;
  int terminalFd;
  FindingCounter findings;
  std::chrono::steady_clock::time_point started;
  std::chrono::steady_clock::time_point lastDraw;
  bool isShown = false;
  /// Threads counted at the last draw: the program is gone at the end.
  long lastThreads = 0;
  bool atLineStart = true;
  bool isFinished = false;
  bool isOutputClosed = false;
};

} // namespace racegate
