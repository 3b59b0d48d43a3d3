//===- Runtime.cpp - start-up and the findings stream ---------------------===//
#include "Runtime.h"
#include "RealFunctions.h"

#include "racegate/StreamMac.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <new>
#include <csignal>
#include <pthread.h>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

__thread uint32_t __racegate_call_site;

namespace racegate::shim {

__thread ThreadState *CurrentThread;
Detector *TheDetector;
RuntimeConfig Config;

namespace {

/// The run's key for authenticating records (racegate/StreamMac.h).
streammac::Key StreamKey;
bool HasStreamKey = false;

/// The lowest descriptor number the runtime keeps its own descriptors at,
/// out of the way of the numbers programs use.
int highDescriptor() {
  rlimit Limit;
  int High = 1000;
  if (getrlimit(RLIMIT_NOFILE, &Limit) == 0 && Limit.rlim_cur > 64 &&
      Limit.rlim_cur != RLIM_INFINITY)
    High = int(Limit.rlim_cur > 4096 ? 4000 : Limit.rlim_cur - 16);
  return High;
}

/// Takes the run's key out of the program's environment, before any code
/// of the program runs, so that the program cannot read it with getenv()
/// or in /proc/self/environ. Programs this one executes need it too: the
/// digits are replaced by "fd:N", a descriptor (inherited across exec)
/// that holds them, where the runtime of such a program reads them.
void takeStreamKey(char **Env) {
  constexpr std::string_view Name = "RACEGATE_STREAM_KEY=";
  for (; Env && *Env; ++Env) {
    std::string_view Entry(*Env);
    if (Entry.substr(0, Name.size()) != Name)
      continue;
    char *Value = *Env + Name.size();
    size_t Length = Entry.size() - Name.size();
    if (strncmp(Value, "fd:", 3) == 0) {
      char Digits[streammac::KeyDigits];
      int Fd = atoi(Value + 3);
      HasStreamKey =
          pread(Fd, Digits, sizeof Digits, 0) == ssize_t(sizeof Digits) &&
          streammac::parseKey({Digits, sizeof Digits}, StreamKey);
      return;
    }
    if (!streammac::parseKey({Value, Length}, StreamKey))
      return;
    HasStreamKey = true;
    int Fd = memfd_create("racegate-stream-key", 0);
    if (Fd >= 0) {
      if (::write(Fd, Value, Length) != ssize_t(Length)) {
        ::close(Fd);
        Fd = -1;
      } else if (int Moved = fcntl(Fd, F_DUPFD, highDescriptor()); Moved >= 0) {
        ::close(Fd);
        Fd = Moved;
      }
    }
    memset(Value, 0, Length);
    if (Fd >= 0)
      snprintf(Value, Length + 1, "fd:%d", Fd);
    return;
  }
}

/// Appends each finding to the stream with a single write(2), so that what
/// was found survives whatever happens to the program next.
///
/// The program may close the stream's descriptor, dup2() over it or get its
/// number for a file of its own (daemons close every descriptor; some
/// programs juggle them): before each record the descriptor is checked to
/// still be the stream, and the stream is opened again when it is not. The
/// descriptor is kept high, out of the way of the numbers programs use.
/// Every record carries its process and a sequence number, so that the CLI
/// sees records that are missing; a record that could not be written is
/// also told through RACEGATE_STATUS_FD, which needs no disk space.
class StreamSink final : public FindingSink {
public:
  void open(const char *StreamPath, int LossFd) {
    StatusFd = LossFd;
    if (!StreamPath || !*StreamPath ||
        strlen(StreamPath) >= sizeof(Path)) {
      Fd = 2;
      return;
    }
    strcpy(Path, StreamPath);
    reopen();
  }

  void emit(std::string_view Record) override {
    // {"seq":N,"pid":P, followed by the record without its '{'.
    // No lock around the write: a signal handler may report on a thread
    // that is in the middle of it. Records of one process may therefore
    // land out of order; the CLI expects every number exactly once.
    // With the run's key, {"mac":"HASH", in front of that authenticates
    // it (racegate/StreamMac.h).
    std::string Body;
    Body.reserve(Record.size() + 48);
    Body += "\"seq\":";
    Body += std::to_string(Sequence.fetch_add(1));
    Body += ",\"pid\":";
    Body += std::to_string(getpid());
    Body += ',';
    Body.append(Record.substr(1));
    std::string Line;
    Line.reserve(Body.size() + 32);
    if (HasStreamKey) {
      char Mac[streammac::MacDigits];
      streammac::toHex(streammac::sipHash(StreamKey, Body), Mac);
      Line += streammac::Prefix;
      Line.append(Mac, sizeof Mac);
      Line += "\",";
    } else {
      Line += '{';
    }
    Line += Body;
    Line += '\n';
    if (Path[0])
      ensureOpen();
    if (!writeAll(Fd.load(), Line))
      reportLoss();
  }

  /// A new process (the child of fork()) numbers its records from 0.
  void restartSequence() { Sequence.store(0); }

  SpinLock Lock;

private:
  static bool writeAll(int F, std::string_view Text) {
    const char *P = Text.data();
    size_t Left = Text.size();
    while (Left > 0) {
      ssize_t N = ::write(F, P, Left);
      if (N < 0 && errno == EINTR)
        continue;
      if (N <= 0)
        return false;
      P += size_t(N);
      Left -= size_t(N);
    }
    return true;
  }

  void reportLoss() {
    if (StatusFd >= 0)
      (void)!::write(StatusFd, "L", 1);
  }

  bool isStream(int F) {
    struct stat St;
    return F >= 0 && fstat(F, &St) == 0 && St.st_dev == Device &&
           St.st_ino == Inode;
  }

  void ensureOpen() {
    if (isStream(Fd))
      return;
    SpinGuard Guard(Lock);
    if (!isStream(Fd))
      reopen();
  }

  void reopen() {
    // The old number may be the program's own file by now: it is left
    // alone, not closed.
    int F = ::open(Path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (F < 0) {
      Fd.store(-1);
      return;
    }
    int Moved = fcntl(F, F_DUPFD_CLOEXEC, highDescriptor());
    if (Moved >= 0) {
      ::close(F);
      F = Moved;
    }
    struct stat St;
    if (fstat(F, &St) == 0) {
      Device = St.st_dev;
      Inode = St.st_ino;
    }
    Fd.store(F);
  }

  std::atomic<int> Fd{2};
  int StatusFd = -1;
  dev_t Device = 0;
  ino_t Inode = 0;
  std::atomic<uint64_t> Sequence{0};
  char Path[4096] = {};
};

alignas(StreamSink) char SinkStorage[sizeof(StreamSink)];
alignas(Detector) char DetectorStorage[sizeof(Detector)];
std::atomic<int> InitState{0}; // 0 none, 1 running, 2 done

/// Looks a variable up in \p Env: before libc's own initialisation runs,
/// getenv() sees no environment yet.
const char *lookupEnv(char **Env, std::string_view Name) {
  for (; Env && *Env; ++Env) {
    std::string_view Entry(*Env);
    if (Entry.size() > Name.size() && Entry.substr(0, Name.size()) == Name &&
        Entry[Name.size()] == '=')
      return *Env + Name.size() + 1;
  }
  return nullptr;
}

uint64_t envNumber(char **Env, std::string_view Name, uint64_t Default) {
  const char *V = lookupEnv(Env, Name);
  if (!V || !*V)
    return Default;
  char *End;
  unsigned long long N = strtoull(V, &End, 10);
  return *End ? Default : N;
}

void readConfig(char **Env) {
  takeStreamKey(Env);
  Config.TimeoutNs = envNumber(Env, "RACEGATE_TIMEOUT", 0) * 1000000000ull;
  Config.StarvationNs =
      envNumber(Env, "RACEGATE_STARVATION_MS", 1000) * 1000000ull;
  Config.ExitGraceNs =
      envNumber(Env, "RACEGATE_EXIT_GRACE_MS", 1000) * 1000000ull;
  Config.Supervisor = int(envNumber(Env, "RACEGATE_SUPERVISOR", 0));
  // The program racegate started directly dies with racegate; its own
  // children are ended by the watchdog (superviseFromWatchdog).
  if (Config.Supervisor) {
    pid_t Group = getpgrp();
    pid_t SupervisorGroup = getpgid(Config.Supervisor);
    if (SupervisorGroup > 0 && SupervisorGroup != Group)
      Config.RunGroup = Group;
  }
  if (Config.Supervisor && getppid() == Config.Supervisor) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != Config.Supervisor) // racegate died just before
      _exit(128 + SIGKILL);
  }
}

void initialize(char **Env) {
  int Expected = 0;
  if (!InitState.compare_exchange_strong(Expected, 1)) {
    while (InitState.load() != 2)
      sched_yield();
    return;
  }
  real::resolve();
  readConfig(Env);
  auto *Sink = new (SinkStorage) StreamSink();
  const char *StatusFd = lookupEnv(Env, "RACEGATE_STATUS_FD");
  Sink->open(lookupEnv(Env, "RACEGATE_FINDINGS"),
             StatusFd ? atoi(StatusFd) : -1);
  TheDetector = new (DetectorStorage) Detector(*Sink);
  // Each thread's history, of 8-byte events: the stacks a report can still
  // name for earlier accesses.
  TheDetector->setHistoryEvents(
      envNumber(Env, "RACEGATE_HISTORY_KB", 256) * 1024 / 8);
  installForkHandlers();
  ThreadState *Main = TheDetector->createMainThread();
  CurrentThread = Main;
  {
    RuntimeScope Busy(*Main);
    pthread_attr_t Attr;
    if (pthread_getattr_np(pthread_self(), &Attr) == 0) {
      void *Low;
      size_t Size;
      if (pthread_attr_getstack(&Attr, &Low, &Size) == 0) {
        Main->StackLow = reinterpret_cast<uintptr_t>(Low);
        Main->StackHigh = Main->StackLow + Size;
      }
      pthread_attr_destroy(&Attr);
    }
  }
  writeStartRecord();
  InitState.store(2);
}

} // namespace

StreamSink &sink() { return *reinterpret_cast<StreamSink *>(SinkStorage); }

SpinLock &streamLock() { return sink().Lock; }

void writeStartRecord() {
  ThreadState *T = CurrentThread;
  if (T)
    ++T->InRuntime;
  sink().restartSequence();
  sink().emit("{\"type\":\"start\",\"stream_version\":2}");
  if (T)
    --T->InRuntime;
}

void ensureInitialized() {
  if (__builtin_expect(InitState.load(std::memory_order_acquire) != 2, 0))
    initialize(environ);
}

static void initializeEarly(int, char **, char **Env) { initialize(Env); }

// Runs before any constructor of the program or of the libraries it loads.
__attribute__((section(".preinit_array"), used)) static void (*const
                                                                RunInit)(
    int, char **, char **) = initializeEarly;

} // namespace racegate::shim
