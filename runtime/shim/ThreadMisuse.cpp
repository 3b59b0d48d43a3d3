//===- ThreadMisuse.cpp - joins and detaches that are misuse, and leaks ---===//
//
// A pthread_t stays valid until the thread is joined or detached; after
// that, joining or detaching it again is undefined (glibc may crash or
// hang on the freed descriptor). The handles given up are remembered until
// a new thread gets the same one, so such a call is reported and refused
// with EINVAL instead. glibc hands a joined thread's handle to the next
// thread at once, and thread slots are reused too, so neither names one
// thread: each thread has a ticket, and only the entry of the thread that
// was joined or detached is marked. Threads that ended but that nobody
// joined or detached when the process exits are leaked: their resources
// are never reclaimed.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"

#include <cerrno>
#include <unordered_map>

using namespace racegate;
using namespace racegate::shim;

namespace {

enum class HandleState : uint8_t { Joinable, Joined, Detached };

struct HandleEntry {
  Tid Thread;
  HandleState State;
  uint64_t Ticket;
};

class HandleTable {
public:
  SpinLock Lock;
  std::unordered_map<pthread_t, HandleEntry> Entries;
};

HandleTable *Table;

HandleTable &handles() {
  static bool Made = (Table = new HandleTable(), true);
  (void)Made;
  return *Table;
}

} // namespace

namespace racegate::shim {

void noteThreadHandle(pthread_t Handle, Tid Thread, uint64_t Ticket) {
  HandleTable &H = handles();
  SpinGuard Guard(H.Lock);
  H.Entries[Handle] = {Thread, HandleState::Joinable, Ticket};
}

void noteUntrackedThreadHandle(pthread_t Handle) {
  HandleTable &H = handles();
  SpinGuard Guard(H.Lock);
  H.Entries.erase(Handle);
}

void noteThreadHandleGivenUp(pthread_t Handle, uint64_t Ticket, bool Joined) {
  HandleTable &H = handles();
  SpinGuard Guard(H.Lock);
  // Once given up, the handle may at once be a new thread's, whose entry
  // has a newer ticket.
  auto It = H.Entries.find(Handle);
  if (It != H.Entries.end() && It->second.Ticket == Ticket)
    It->second.State = Joined ? HandleState::Joined : HandleState::Detached;
}

bool refuseThreadOp(ThreadState &T, pthread_t Handle, bool Join,
                    SiteId Site) {
  HandleEntry Entry;
  {
    RuntimeScope Busy(T);
    HandleTable &H = handles();
    SpinGuard Guard(H.Lock);
    auto It = H.Entries.find(Handle);
    if (It == H.Entries.end() || It->second.State == HandleState::Joinable)
      return false;
    Entry = It->second;
  }
  std::string What = std::string(Join ? "joins" : "detaches") + " thread " +
                     std::to_string(Entry.Thread) + ", which was already " +
                     (Entry.State == HandleState::Joined ? "joined"
                                                         : "detached");
  TheDetector->reportCallMisuse(T, "invalid_thread_op", uintptr_t(Handle),
                                Site, What,
                                Join ? "pthread_join" : "pthread_detach");
  return true;
}

void reportLeakedThreads(ThreadState &T) {
  std::vector<std::pair<pthread_t, Tid>> Joinable;
  {
    RuntimeScope Busy(T);
    HandleTable &H = handles();
    SpinGuard Guard(H.Lock);
    for (const auto &[Handle, Entry] : H.Entries)
      if (Entry.State == HandleState::Joinable && Entry.Thread != T.Id)
        Joinable.emplace_back(Handle, Entry.Thread);
  }
  // A thread still running at exit may be a worker the program means to
  // let the exit end; one that ended and was never joined is a leak.
  for (const auto &[Handle, Thread] : Joinable)
    if (TheDetector->threadHasFinished(Thread))
      TheDetector->reportThreadLeak(T, Thread, uintptr_t(Handle));
}

void forgetThreadHandles() {
  // Another thread may have held the table's lock at fork(): start anew.
  Table = new HandleTable();
}

} // namespace racegate::shim
