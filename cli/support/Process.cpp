#include "Process.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace racegate {

namespace {

// Polling is plenty for a timeout measured in seconds and, unlike SIGCHLD
// handlers or pidfds, needs no process-wide state.
constexpr std::chrono::milliseconds kPollInterval{10};
// How long a program may take to end after racegate passed SIGTERM or
// SIGHUP on.
constexpr std::chrono::seconds kTerminationGrace{3};

// Ignores a signal for the lifetime of the object, restoring the previous
// disposition afterwards.
class ScopedIgnore {
public:
  explicit ScopedIgnore(int signal) : signal(signal) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(signal, &ignore, &previous);
  }
  ~ScopedIgnore() { sigaction(signal, &previous, nullptr); }
  ScopedIgnore(const ScopedIgnore &) = delete;
  ScopedIgnore &operator=(const ScopedIgnore &) = delete;

private:
  int signal;
  struct sigaction previous {};
};

// The child to which SIGTERM and SIGHUP sent to racegate are passed on, or 0.
volatile sig_atomic_t forwardTarget = 0;
// Set once racegate was asked to terminate: it waits for nobody after that.
volatile sig_atomic_t terminationRequested = 0;

void forwardSignal(int signal) {
  terminationRequested = 1;
  if (forwardTarget > 0)
    kill(pid_t(forwardTarget), signal);
}

// Makes the child's process group the terminal's foreground group while it
// runs, when racegate itself is in the foreground: the program can then read
// the terminal, and Ctrl-C reaches it (and not racegate) as it would
// without racegate.
class ScopedForeground {
public:
  explicit ScopedForeground(pid_t group) {
    if (group <= 0 || !isatty(STDIN_FILENO) ||
        tcgetpgrp(STDIN_FILENO) != getpgrp())
      return;
    previous = getpgrp();
    ScopedIgnore quietly(SIGTTOU);
    if (tcsetpgrp(STDIN_FILENO, group) != 0)
      previous = 0;
  }
  ~ScopedForeground() {
    if (previous <= 0)
      return;
    ScopedIgnore quietly(SIGTTOU);
    tcsetpgrp(STDIN_FILENO, previous);
  }
  ScopedForeground(const ScopedForeground &) = delete;
  ScopedForeground &operator=(const ScopedForeground &) = delete;

private:
  pid_t previous = 0;
};

// While installed, SIGTERM and SIGHUP end the child instead of racegate: a CI
// job that terminates racegate then still gets the report of what the
// program found, and no orphaned (possibly deadlocked) program is left.
class ScopedForward {
public:
  ScopedForward() {
    struct sigaction forward {};
    forward.sa_handler = forwardSignal;
    sigemptyset(&forward.sa_mask);
    for (size_t index = 0; index < kSignals.size(); ++index)
      sigaction(kSignals[index], &forward, &previous[index]);
  }
  ~ScopedForward() {
    forwardTarget = 0;
    for (size_t index = 0; index < kSignals.size(); ++index)
      sigaction(kSignals[index], &previous[index], nullptr);
  }
  ScopedForward(const ScopedForward &) = delete;
  ScopedForward &operator=(const ScopedForward &) = delete;

private:
  static constexpr std::array<int, 2> kSignals = {SIGTERM, SIGHUP};
  std::array<struct sigaction, 2> previous{};
};

// The parent's environment with `overrides` replacing same-named entries.
std::vector<std::string> childEnvironment(
    const std::vector<std::pair<std::string, std::string>> &overrides) {
  std::vector<std::string> entries;
  for (char **entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('='));
    bool isOverridden = false;
    for (const auto &[key, value] : overrides)
      isOverridden |= name == key;
    if (!isOverridden)
      entries.emplace_back(text);
  }
  for (const auto &[key, value] : overrides)
    entries.push_back(key + "=" + value);
  return entries;
}

std::vector<char *> pointersTo(std::vector<std::string> &strings) {
  std::vector<char *> pointers;
  for (std::string &text : strings)
    pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

// posix_spawn attributes and file actions, destroyed on scope exit.
struct SpawnSetup {
  SpawnSetup() {
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
  }
  SpawnSetup(const SpawnSetup &) = delete;
  SpawnSetup &operator=(const SpawnSetup &) = delete;

  posix_spawnattr_t attributes;
  posix_spawn_file_actions_t actions;
};

pid_t waitFor(pid_t pid, int &status, int flags) {
  for (;;) {
    pid_t result = waitpid(pid, &status, flags);
    if (result >= 0 || errno != EINTR)
      return result;
  }
}

// A process's parent and whether it still runs (is not a zombie), from
// /proc/PID/stat; nullopt when there is no such process.
struct ProcessState {
  pid_t parent;
  bool running;
};

std::optional<ProcessState> readProcessState(const std::string &pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string text;
  if (!in || !std::getline(in, text))
    return std::nullopt;
  // The command name in parentheses may contain anything, ')' included.
  size_t close = text.rfind(')');
  if (close == std::string::npos || close + 4 > text.size())
    return std::nullopt;
  char state = text[close + 2];
  return ProcessState{pid_t(std::atol(text.c_str() + close + 4)),
                      state != 'Z' && state != 'X'};
}

bool isRunning(pid_t pid) {
  auto state = readProcessState(std::to_string(pid));
  return state && state->running;
}

// Every process below `root` in the process tree.
std::vector<pid_t> descendantsOf(pid_t root) {
  std::multimap<pid_t, pid_t> children;
  std::error_code error;
  for (const auto &entry :
       std::filesystem::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (auto state = readProcessState(name))
      children.emplace(state->parent, pid_t(std::atol(name.c_str())));
  }
  std::vector<pid_t> found;
  std::vector<pid_t> pending{root};
  while (!pending.empty()) {
    pid_t parent = pending.back();
    pending.pop_back();
    auto [begin, end] = children.equal_range(parent);
    for (auto it = begin; it != end; ++it) {
      found.push_back(it->second);
      pending.push_back(it->second);
    }
  }
  return found;
}

// Collects the status of every child that has ended; returns the status of
// `watched` once it has, in `status`.
bool reapChildren(pid_t watched, int &status) {
  bool watchedEnded = false;
  for (;;) {
    int childStatus = 0;
    pid_t ended = waitpid(-1, &childStatus, WNOHANG);
    if (ended < 0 && errno == EINTR)
      continue;
    if (ended <= 0)
      return watchedEnded;
    if (ended == watched) {
      status = childStatus;
      watchedEnded = true;
    }
  }
}

// Kills every descendant of racegate. Killing one hands its own children
// to racegate (the subreaper), so this goes on until none is left.
void killDescendants() {
  int ignored = 0;
  for (int round = 0; round < 500; ++round) {
    std::vector<pid_t> descendants = descendantsOf(getpid());
    for (pid_t pid : descendants)
      kill(pid, SIGKILL);
    reapChildren(0, ignored);
    if (descendants.empty())
      return;
    std::this_thread::sleep_for(kPollInterval);
  }
}

// Waits while the child's awaited descendants still run, until `until`.
std::vector<int> awaitDescendants(const ProcessOptions &options, pid_t child,
                                  std::chrono::steady_clock::time_point until) {
  int ignored = 0;
  for (;;) {
    reapChildren(0, ignored);
    std::vector<int> running;
    if (options.isAwaited)
      for (pid_t pid : descendantsOf(getpid()))
        if (pid != child && isRunning(pid) && options.isAwaited(pid))
          running.push_back(pid);
    if (running.empty() || terminationRequested ||
        std::chrono::steady_clock::now() >= until)
      return running;
    std::this_thread::sleep_for(kPollInterval);
  }
}

} // namespace

ProcessResult runProcess(const std::vector<std::string> &argv,
                         const ProcessOptions &options) {
  if (argv.empty())
    throw ToolError("internal error: empty command");
  std::vector<std::string> arguments = argv;
  std::vector<std::string> environment = childEnvironment(options.environment);
  std::vector<char *> argvPointers = pointersTo(arguments);
  std::vector<char *> envPointers = pointersTo(environment);

  SpawnSetup setup;
  if (options.outputFd >= 0) {
    posix_spawn_file_actions_adddup2(&setup.actions, options.outputFd,
                                     STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, options.outputFd,
                                     STDERR_FILENO);
  } else {
    posix_spawn_file_actions_adddup2(&setup.actions, STDERR_FILENO,
                                     STDOUT_FILENO);
  }
  // A dup2 onto itself clears close-on-exec in the child only.
  for (int fd : options.inheritedFds)
    posix_spawn_file_actions_adddup2(&setup.actions, fd, fd);
  // The child must get default dispositions for what racegate ignores, or it
  // would inherit immunity to Ctrl-C and to broken pipes.
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : {SIGINT, SIGQUIT, SIGPIPE})
    sigaddset(&defaults, signal);
  sigset_t emptyMask;
  sigemptyset(&emptyMask);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  posix_spawnattr_setsigmask(&setup.attributes, &emptyMask);
  short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
  // A process group of its own, so the run's processes can be ended
  // together, also by the runtime once racegate is gone.
  if (options.endDescendants) {
    flags |= POSIX_SPAWN_SETPGROUP;
    posix_spawnattr_setpgroup(&setup.attributes, 0);
  }
  posix_spawnattr_setflags(&setup.attributes, flags);

  // Orphaned descendants become racegate's children rather than init's, so
  // none can outlive the run unnoticed.
  if (options.endDescendants)
    prctl(PR_SET_CHILD_SUBREAPER, 1);

  ScopedIgnore ignoreInterrupt(SIGINT);
  ScopedIgnore ignoreQuit(SIGQUIT);
  ScopedForward forwardTermination;

  pid_t pid = 0;
  int error =
      posix_spawn(&pid, arguments[0].c_str(), &setup.actions, &setup.attributes,
                  argvPointers.data(), envPointers.data());
  if (error != 0)
    throw ToolError(
        fmt::format("cannot run {}: {}", arguments[0], std::strerror(error)));
  forwardTarget = pid;
  terminationRequested = 0;
  ScopedForeground foreground(options.endDescendants ? pid : 0);

  ProcessResult result;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + options.killAfter;
  if (options.killAfter.count() == 0 && !options.whileRunning &&
      !options.endDescendants) {
    waitFor(pid, status, 0);
  } else {
    // Orphans are reaped as they end; the child's own status is kept.
    auto childEnded = [&] {
      return options.endDescendants ? reapChildren(pid, status)
                                    : waitFor(pid, status, WNOHANG) != 0;
    };
    std::optional<std::chrono::steady_clock::time_point> terminatedAt;
    while (!childEnded()) {
      // A program that ignores the termination racegate passed on is
      // killed a little later: racegate's end is the run's end.
      if (options.endDescendants && terminationRequested) {
        auto now = std::chrono::steady_clock::now();
        if (!terminatedAt)
          terminatedAt = now;
        else if (now - *terminatedAt >= kTerminationGrace)
          kill(-pid, SIGKILL);
      }
      if (options.killAfter.count() > 0 &&
          std::chrono::steady_clock::now() >= deadline) {
        kill(options.endDescendants ? -pid : pid, SIGKILL);
        waitFor(pid, status, 0);
        // It may have exited on its own just before the kill landed.
        result.wasKilledForTimeout =
            WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        break;
      }
      if (options.whileRunning)
        options.whileRunning(pid, kPollInterval);
      else
        std::this_thread::sleep_for(kPollInterval);
    }
  }
  forwardTarget = 0;
  if (options.endDescendants) {
    // After a timeout nobody is waited for.
    auto until = std::chrono::steady_clock::now();
    if (!result.wasKilledForTimeout)
      until += options.descendantGrace;
    if (options.killAfter.count() > 0)
      until = std::min(until, deadline);
    result.killedDescendants = awaitDescendants(options, pid, until);
    kill(-pid, SIGKILL);
    killDescendants();
  }
  if (WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  return result;
}

std::string signalName(int signal) {
  if (const char *abbreviation = sigabbrev_np(signal))
    return std::string("SIG") + abbreviation;
  return fmt::format("SIG{}", signal);
}

} // namespace racegate
