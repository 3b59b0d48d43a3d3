#include "ProgressDisplay.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <thread>

namespace racegate {

namespace {

constexpr std::chrono::seconds kQuietStart{1};
constexpr std::chrono::milliseconds kRedrawInterval{250};
constexpr const char *kEraseLine = "\r\x1b[K";

void writeAll(int fd, const char *data, size_t size) {
  while (size > 0) {
    ssize_t written = write(fd, data, size);
    if (written < 0 && errno == EINTR)
      continue;
    if (written <= 0)
      return; // a vanished terminal is no reason to stop the analysis
    data += written;
    size -= size_t(written);
  }
}

size_t terminalWidth(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

} // namespace

std::unique_ptr<ProgressDisplay>
ProgressDisplay::open(std::filesystem::path streamPath, int terminalFd) {
  int pty = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (pty < 0)
    return nullptr;
  char name[128];
  if (grantpt(pty) != 0 || unlockpt(pty) != 0 ||
      ptsname_r(pty, name, sizeof(name)) != 0) {
    close(pty);
    return nullptr;
  }
  int child = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (child < 0) {
    close(pty);
    return nullptr;
  }
  // The program should see the terminal it would have seen: same modes
  // (output processing, newline translation) and same size.
  termios modes{};
  if (tcgetattr(terminalFd, &modes) == 0) {
    // Newlines are translated once, by the real terminal; translating them
    // on the way into the relay too would send "\r\r\n".
    modes.c_oflag &= ~tcflag_t(ONLCR);
    tcsetattr(child, TCSANOW, &modes);
  }
  winsize size{};
  if (ioctl(terminalFd, TIOCGWINSZ, &size) == 0)
    ioctl(child, TIOCSWINSZ, &size);
  return std::unique_ptr<ProgressDisplay>(
      new ProgressDisplay(pty, child, terminalFd, std::move(streamPath)));
}

ProgressDisplay::ProgressDisplay(int ptyFd, int childFd, int terminalFd,
                                 std::filesystem::path streamPath)
    : ptyFd(ptyFd), childFd(childFd), terminalFd(terminalFd),
      findings(std::move(streamPath)),
      started(std::chrono::steady_clock::now()), lastDraw(started) {}

ProgressDisplay::~ProgressDisplay() {
  finish();
  if (childFd >= 0)
    close(childFd);
  close(ptyFd);
}

void ProgressDisplay::childStarted() {
  if (childFd >= 0)
    close(childFd);
  childFd = -1;
}

void ProgressDisplay::erase() {
  if (!isShown)
    return;
  writeAll(terminalFd, kEraseLine, std::char_traits<char>::length(kEraseLine));
  isShown = false;
}

void ProgressDisplay::draw(int pid) {
  auto now = std::chrono::steady_clock::now();
  auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - started);
  // Short runs show nothing; a half-written line of the program's output
  // must not be overwritten either.
  if (elapsed < kQuietStart || !atLineStart ||
      (isShown && now - lastDraw < kRedrawInterval))
    return;
  lastThreads = countThreads(pid);
  drawLine(elapsed, lastThreads);
  lastDraw = now;
}

void ProgressDisplay::drawLine(std::chrono::milliseconds elapsed,
                               long threads) {
  std::string line = formatProgressLine(elapsed, threads, findings.update());
  // Wider than the terminal would wrap, and "\r" would then redraw only the
  // second row.
  size_t width = terminalWidth(terminalFd);
  if (line.size() >= width)
    line.resize(width - 1);
  line = kEraseLine + line;
  writeAll(terminalFd, line.data(), line.size());
  isShown = true;
}

void ProgressDisplay::relay(const char *data, size_t size) {
  if (size == 0)
    return;
  erase();
  writeAll(terminalFd, data, size);
  atLineStart = data[size - 1] == '\n';
}

// Relays whatever the program writes within `wait`; false once its side of
// the pty is closed for good.
bool ProgressDisplay::pump(std::chrono::milliseconds wait) {
  pollfd poller{ptyFd, POLLIN, 0};
  int ready = poll(&poller, 1, int(wait.count()));
  if (ready <= 0)
    return ready == 0 || errno == EINTR;
  char buffer[4096];
  ssize_t got = read(ptyFd, buffer, sizeof(buffer));
  if (got > 0) {
    relay(buffer, size_t(got));
    return true;
  }
  // EIO: every descriptor of the child's side is closed.
  return got < 0 && errno == EINTR;
}

void ProgressDisplay::whileRunning(int pid, std::chrono::milliseconds budget) {
  auto deadline = std::chrono::steady_clock::now() + budget;
  // A program that closed its output keeps running without it; waiting
  // here keeps the caller's polling loop from spinning.
  if (isOutputClosed)
    std::this_thread::sleep_for(budget);
  while (!isOutputClosed && std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    isOutputClosed = !pump(std::max(left, std::chrono::milliseconds(0)));
  }
  draw(pid);
}

void ProgressDisplay::finish() {
  if (isFinished)
    return;
  isFinished = true;
  childStarted();
  // The program has ended; what it wrote last is still in the pty. A
  // daemon it left behind may keep the pty open, so stop at the first
  // quiet moment rather than waiting for the end of its output.
  while (!isOutputClosed && pump(std::chrono::milliseconds(20))) {
    pollfd poller{ptyFd, POLLIN, 0};
    if (poll(&poller, 1, 0) <= 0)
      break;
  }
  // A finding written since the last draw is counted before the line goes:
  // the last status a log of the terminal keeps is the final one.
  if (isShown && atLineStart)
    drawLine(std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - started),
             lastThreads);
  erase();
}

} // namespace racegate
