#include "Process.h"

#include "Diagnostics.h"

#include <fmt/core.h>

#include <array>
#include <csignal>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace racegate {

namespace {

// Polling is plenty for a timeout measured in seconds and, unlike SIGCHLD
// handlers or pidfds, needs no process-wide state.
constexpr std::chrono::milliseconds kPollInterval{10};

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

void forwardSignal(int signal) {
  if (forwardTarget > 0)
    kill(pid_t(forwardTarget), signal);
}

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
  posix_spawnattr_setflags(&setup.attributes,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

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

  ProcessResult result;
  int status = 0;
  if (options.killAfter.count() == 0 && !options.whileRunning) {
    waitFor(pid, status, 0);
  } else {
    auto deadline = std::chrono::steady_clock::now() + options.killAfter;
    while (waitFor(pid, status, WNOHANG) == 0) {
      if (options.killAfter.count() > 0 &&
          std::chrono::steady_clock::now() >= deadline) {
        kill(pid, SIGKILL);
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
