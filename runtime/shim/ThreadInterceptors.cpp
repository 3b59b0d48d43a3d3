//===- ThreadInterceptors.cpp - thread creation, start, end and join ------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include <malloc.h>
#include <unordered_map>

extern "C" void *__libc_malloc(size_t);
extern "C" void __libc_free(void *);

using namespace racegate;
using namespace racegate::shim;

namespace {

struct StartRequest {
  void *(*Routine)(void *);
  void *Argument;
  ThreadState *State;
};

/// pthread_t handles of tracked threads that can still be joined.
class JoinableThreads {
public:
  void add(pthread_t Handle, Tid Id) {
    SpinGuard Guard(Lock);
    Ids[Handle] = Id;
  }
  std::optional<Tid> find(pthread_t Handle) {
    SpinGuard Guard(Lock);
    auto It = Ids.find(Handle);
    return It == Ids.end() ? std::nullopt : std::optional<Tid>(It->second);
  }
  std::optional<Tid> take(pthread_t Handle) {
    SpinGuard Guard(Lock);
    auto It = Ids.find(Handle);
    if (It == Ids.end())
      return std::nullopt;
    Tid Id = It->second;
    Ids.erase(It);
    return Id;
  }

private:
  SpinLock Lock;
  std::unordered_map<pthread_t, Tid> Ids;
};

JoinableThreads &joinable() {
  static JoinableThreads *Table = new JoinableThreads();
  return *Table;
}

/// Thread-specific data destructors run after the thread's C++ thread_local
/// destructors: the last moment the thread executes code.
pthread_key_t FinishKey;
pthread_once_t FinishKeyOnce = PTHREAD_ONCE_INIT;

void finishThread(void *State) {
  auto *T = static_cast<ThreadState *>(State);
  TheDetector->threadFinished(*T);
  CurrentThread = nullptr;
}

void *startThread(void *Raw) {
  StartRequest Request = *static_cast<StartRequest *>(Raw);
  __libc_free(Raw);
  ThreadState *T = Request.State;
  CurrentThread = T;
  __racegate_call_site = 0;
  {
    RuntimeScope Busy(*T);
    pthread_attr_t Attr;
    uintptr_t Low = 0, High = 0;
    if (pthread_getattr_np(pthread_self(), &Attr) == 0) {
      void *Addr;
      size_t Size;
      if (pthread_attr_getstack(&Attr, &Addr, &Size) == 0) {
        Low = reinterpret_cast<uintptr_t>(Addr);
        High = Low + Size;
      }
      pthread_attr_destroy(&Attr);
    }
    TheDetector->threadStarted(*T, Low, High);
    joinable().add(pthread_self(), T->Id);
    pthread_setspecific(FinishKey, T);
  }
  return Request.Routine(Request.Argument);
}

} // namespace

namespace racegate::shim {
void registerMainThread(pthread_t Handle, Tid Id) { joinable().add(Handle, Id); }
} // namespace racegate::shim

extern "C" {

int pthread_create(pthread_t *Handle, const pthread_attr_t *Attr,
                   void *(*Routine)(void *), void *Argument) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  ThreadState *Parent = activeThread();
  if (!Parent)
    return real::pthread_create(Handle, Attr, Routine, Argument);
  pthread_once(&FinishKeyOnce,
               [] { pthread_key_create(&FinishKey, finishThread); });
  ThreadState *Child = TheDetector->createThread(*Parent, Site);
  if (!Child)
    return real::pthread_create(Handle, Attr, Routine, Argument);
  auto *Request =
      static_cast<StartRequest *>(__libc_malloc(sizeof(StartRequest)));
  *Request = {Routine, Argument, Child};
  int Result = real::pthread_create(Handle, Attr, startThread, Request);
  if (Result != 0) {
    __libc_free(Request);
    TheDetector->threadFinished(*Child);
  }
  // Registered by the parent, so a join right after creation sees the
  // thread, and by the child, so a join by anyone after its end does too.
  RuntimeScope Busy(*Parent);
  joinable().add(*Handle, Child->Id);
  return Result;
}

static int afterJoin(pthread_t Handle, int Status) {
  ThreadState *T = activeThread();
  if (Status == 0 && T) {
    std::optional<Tid> Child;
    {
      RuntimeScope Busy(*T);
      Child = joinable().take(Handle);
    }
    if (Child)
      TheDetector->threadJoined(*T, *Child);
  }
  return Status;
}

int pthread_join(pthread_t Handle, void **Result) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  std::optional<Tid> Child;
  if (T) {
    RuntimeScope Busy(*T);
    Child = joinable().find(Handle);
  }
  if (!Child)
    return afterJoin(Handle, real::pthread_join(Handle, Result));
  TheDetector->waitBegins(*T, WaitKind::Join, 0, Site, false, 0, *Child);
  int Status = real::pthread_join(Handle, Result);
  TheDetector->waitEnds(*T);
  return afterJoin(Handle, Status);
}

int pthread_tryjoin_np(pthread_t Handle, void **Result) {
  ensureInitialized();
  return afterJoin(Handle, real::pthread_tryjoin_np(Handle, Result));
}

int pthread_timedjoin_np(pthread_t Handle, void **Result,
                         const struct timespec *At) {
  ensureInitialized();
  return afterJoin(Handle, real::pthread_timedjoin_np(Handle, Result, At));
}

int pthread_clockjoin_np(pthread_t Handle, void **Result, clockid_t Clock,
                         const struct timespec *At) {
  ensureInitialized();
  return afterJoin(Handle,
                   real::pthread_clockjoin_np(Handle, Result, Clock, At));
}

int pthread_detach(pthread_t Handle) {
  ensureInitialized();
  int Status = real::pthread_detach(Handle);
  if (ThreadState *T = activeThread(); Status == 0 && T) {
    RuntimeScope Busy(*T);
    joinable().take(Handle);
  }
  return Status;
}

} // extern "C"
