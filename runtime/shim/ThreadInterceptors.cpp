//===- ThreadInterceptors.cpp - thread creation, start, end and join ------===//
#include "RealFunctions.h"
#include "Runtime.h"

#include <atomic>
#include <cerrno>
#include <malloc.h>
#include <unordered_map>

extern "C" void *__libc_malloc(size_t);
extern "C" void __libc_free(void *);

using namespace racegate;
using namespace racegate::shim;

namespace {

/// One thread behind a pthread_t. glibc gives a joined thread's handle to
/// the next thread at once, and thread slots are reused too, so neither
/// names a thread for long: the ticket, unique over the run, does.
struct Joinable {
  Tid Id;
  uint64_t Ticket;
};

std::atomic<uint64_t> LastTicket;

struct StartRequest {
  void *(*Routine)(void *);
  void *Argument;
  ThreadState *State;
  uint64_t Ticket;
};

/// pthread_t handles of tracked threads that can still be joined.
class JoinableThreads {
public:
  void add(pthread_t Handle, Joinable Thread) {
    SpinGuard Guard(Lock);
    Threads[Handle] = Thread;
  }
  std::optional<Joinable> find(pthread_t Handle) {
    SpinGuard Guard(Lock);
    auto It = Threads.find(Handle);
    if (It == Threads.end())
      return std::nullopt;
    return It->second;
  }
  /// Removes the entry of \p Ticket, not one a newer thread made since.
  bool take(pthread_t Handle, uint64_t Ticket) {
    SpinGuard Guard(Lock);
    auto It = Threads.find(Handle);
    if (It == Threads.end() || It->second.Ticket != Ticket)
      return false;
    Threads.erase(It);
    return true;
  }

  SpinLock Lock;

private:
  std::unordered_map<pthread_t, Joinable> Threads;
};

JoinableThreads &joinable() {
  static JoinableThreads *Table = new JoinableThreads();
  return *Table;
}

/// Thread-specific data destructors run after the thread's C++ thread_local
/// destructors: the last moment the thread executes code.
pthread_key_t FinishKey;
pthread_once_t FinishKeyOnce = PTHREAD_ONCE_INIT;
Tid MainThreadId = ~Tid(0);

void finishThread(void *State) {
  auto *T = static_cast<ThreadState *>(State);
  if (T->Id != MainThreadId)
    noteThreadEnded();
  releaseRobustMutexesAtExit(*T);
  TheDetector->threadFinished(*T);
  CurrentThread = nullptr;
  // Only pthread_exit() runs the main thread's destructors: from now on the
  // process ends when its last thread does, not when main returns.
  if (T->Id == MainThreadId)
    noteMainThreadExited();
}

void createFinishKey() {
  pthread_once(&FinishKeyOnce,
               [] { pthread_key_create(&FinishKey, finishThread); });
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
    joinable().add(pthread_self(), {T->Id, Request.Ticket});
    pthread_setspecific(FinishKey, T);
  }
  noteThreadStarted();
  return Request.Routine(Request.Argument);
}

} // namespace

namespace racegate::shim {
SpinLock &joinableThreadsLock() { return joinable().Lock; }

void registerMainThread(pthread_t Handle, ThreadState &Main) {
  joinable().add(Handle, {Main.Id, ++LastTicket});
  MainThreadId = Main.Id;
  createFinishKey();
  pthread_setspecific(FinishKey, &Main);
}
} // namespace racegate::shim

namespace {
/// A thread the detector does not track; its handle may be one a tracked
/// thread had, which says nothing about the new one.
int untrackedCreate(pthread_t *Handle, const pthread_attr_t *Attr,
                    void *(*Routine)(void *), void *Argument) {
  int Result = real::pthread_create(Handle, Attr, Routine, Argument);
  if (Result == 0)
    noteUntrackedThreadHandle(*Handle);
  return Result;
}
} // namespace

extern "C" {

int pthread_create(pthread_t *Handle, const pthread_attr_t *Attr,
                   void *(*Routine)(void *), void *Argument) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  ThreadState *Parent = activeThread();
  if (!Parent)
    return untrackedCreate(Handle, Attr, Routine, Argument);
  createFinishKey();
  ThreadState *Child = TheDetector->createThread(*Parent, Site);
  if (!Child) {
    RuntimeScope Busy(*Parent);
    return untrackedCreate(Handle, Attr, Routine, Argument);
  }
  auto *Request =
      static_cast<StartRequest *>(__libc_malloc(sizeof(StartRequest)));
  uint64_t Ticket = ++LastTicket;
  *Request = {Routine, Argument, Child, Ticket};
  int Result = real::pthread_create(Handle, Attr, startThread, Request);
  if (Result != 0) {
    __libc_free(Request);
    TheDetector->threadNeverStarted(*Parent, *Child);
    return Result;
  }
  noteThreadCreated();
  // Registered by the parent, so a join right after creation sees the
  // thread, and by the child, so a join by anyone after its end does too.
  RuntimeScope Busy(*Parent);
  joinable().add(*Handle, {Child->Id, Ticket});
  noteThreadHandle(*Handle, Child->Id, Ticket);
  int DetachState;
  if (Attr && pthread_attr_getdetachstate(Attr, &DetachState) == 0 &&
      DetachState == PTHREAD_CREATE_DETACHED) {
    noteThreadHandleGivenUp(*Handle, Ticket, /*Joined=*/false);
    TheDetector->threadDetached(Child->Id);
  }
  return Result;
}

/// The thread \p Handle names, looked up while the handle is still valid.
static std::optional<Joinable> joinableBefore(pthread_t Handle) {
  ThreadState *T = activeThread();
  if (!T)
    return std::nullopt;
  RuntimeScope Busy(*T);
  return joinable().find(Handle);
}

/// \p Child: the thread \p Handle named before the join. By now the handle
/// may be a new thread's; only \p Child's entries are given up.
static int afterJoin(pthread_t Handle, int Status,
                     std::optional<Joinable> Child) {
  ThreadState *T = activeThread();
  if (Status != 0 || !T || !Child)
    return Status;
  {
    RuntimeScope Busy(*T);
    if (!joinable().take(Handle, Child->Ticket))
      return Status;
    noteThreadHandleGivenUp(Handle, Child->Ticket, /*Joined=*/true);
  }
  TheDetector->threadJoined(*T, Child->Id);
  return Status;
}

int pthread_join(pthread_t Handle, void **Result) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  std::optional<Joinable> Child = joinableBefore(Handle);
  // Before the table of joinable threads, which a thread that starts late
  // may have entered again after it was detached.
  if (T && refuseThreadOp(*T, Handle, /*Join=*/true, Site))
    return EINVAL;
  if (!Child)
    return real::pthread_join(Handle, Result);
  TheDetector->waitBegins(*T, WaitKind::Join, 0, Site, false, 0, Child->Id);
  int Status = real::pthread_join(Handle, Result);
  TheDetector->waitEnds(*T);
  return afterJoin(Handle, Status, Child);
}

int pthread_tryjoin_np(pthread_t Handle, void **Result) {
  ensureInitialized();
  std::optional<Joinable> Child = joinableBefore(Handle);
  return afterJoin(Handle, real::pthread_tryjoin_np(Handle, Result), Child);
}

int pthread_timedjoin_np(pthread_t Handle, void **Result,
                         const struct timespec *At) {
  ensureInitialized();
  std::optional<Joinable> Child = joinableBefore(Handle);
  return afterJoin(Handle, real::pthread_timedjoin_np(Handle, Result, At),
                   Child);
}

int pthread_clockjoin_np(pthread_t Handle, void **Result, clockid_t Clock,
                         const struct timespec *At) {
  ensureInitialized();
  std::optional<Joinable> Child = joinableBefore(Handle);
  return afterJoin(Handle,
                   real::pthread_clockjoin_np(Handle, Result, Clock, At),
                   Child);
}

int pthread_detach(pthread_t Handle) {
  ensureInitialized();
  SiteId Site = takeCallSite();
  ThreadState *T = activeThread();
  if (T && refuseThreadOp(*T, Handle, /*Join=*/false, Site))
    return EINVAL;
  std::optional<Joinable> Child = joinableBefore(Handle);
  int Status = real::pthread_detach(Handle);
  if (Status == 0 && T && Child) {
    RuntimeScope Busy(*T);
    if (joinable().take(Handle, Child->Ticket)) {
      noteThreadHandleGivenUp(Handle, Child->Ticket, /*Joined=*/false);
      TheDetector->threadDetached(Child->Id);
    }
  }
  return Status;
}

} // extern "C"
