//===- Runtime.cpp - start-up and the findings stream ---------------------===//
#include "Runtime.h"
#include "RealFunctions.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <new>
#include <pthread.h>
#include <string>
#include <unistd.h>

__thread uint32_t __racegate_call_site;

namespace racegate::shim {

__thread ThreadState *CurrentThread;
Detector *TheDetector;

namespace {

/// Appends each finding to the stream with a single write(2), so that what
/// was found survives whatever happens to the program next.
class StreamSink final : public FindingSink {
public:
  void open(const char *Path) {
    Fd = 2;
    if (Path && *Path) {
      int F = ::open(Path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      if (F >= 0)
        Fd = F;
    }
  }
  void emit(std::string_view Record) override {
    std::string Line(Record);
    Line += '\n';
    const char *P = Line.data();
    size_t Left = Line.size();
    while (Left > 0) {
      ssize_t N = ::write(Fd, P, Left);
      if (N < 0 && errno == EINTR)
        continue;
      if (N <= 0)
        return;
      P += N;
      Left -= size_t(N);
    }
  }

private:
  int Fd = 2;
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

void initialize(char **Env) {
  int Expected = 0;
  if (!InitState.compare_exchange_strong(Expected, 1)) {
    while (InitState.load() != 2)
      sched_yield();
    return;
  }
  real::resolve();
  auto *Sink = new (SinkStorage) StreamSink();
  Sink->open(lookupEnv(Env, "RACEGATE_FINDINGS"));
  TheDetector = new (DetectorStorage) Detector(*Sink);
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
    std::string Start = "{\"type\":\"start\",\"pid\":" +
                        std::to_string(getpid()) + ",\"stream_version\":1}";
    Sink->emit(Start);
  }
  InitState.store(2);
}

} // namespace

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
