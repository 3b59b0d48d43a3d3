//===- core_microbench.cpp - throughput of the detection core -------------===//
//
// Drives a Detector directly, the way the runtime's entry points do, and
// prints how many events per second one thread gets through in three cases:
//   same-epoch   repeated 8-byte reads and writes of the same 8 granules, the
//                case a detector's fast path exists for;
//   new-epoch    a sweep over a 64 MiB array right after the thread's clock
//                advanced, so every access is the first in its epoch;
//   lock-pair    the lock-request/locked/unlocked sequence of one
//                uncontended pthread_mutex_lock/unlock over 64 mutexes.
// Each case runs on 1 thread and then on 2 threads at once (private memory
// and locks, one shared Detector) and reports per-thread rates from the
// thread's CPU time, which a busy machine disturbs less than wall time.
//
// Usage: racegate_core_microbench [scale]   (scale multiplies the work)
//
//===----------------------------------------------------------------------===//
#include "Detector.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pthread.h>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace racegate;

namespace {

class CountingSink : public FindingSink {
public:
  void emit(std::string_view) override {
    Count.fetch_add(1, std::memory_order_relaxed);
  }
  std::atomic<uint64_t> Count{0};
};

double threadCpuSeconds() {
  timespec Now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Now);
  return double(Now.tv_sec) + double(Now.tv_nsec) * 1e-9;
}

struct Measured {
  uint64_t Events;
  double Seconds; // thread CPU time of the timed part
};

struct Case {
  const char *Name;
  const char *Unit;
  /// Runs the case on thread T.
  Measured (*Run)(Detector &D, ThreadState &T, SiteId Site, double Scale);
};

Measured sameEpoch(Detector &D, ThreadState &T, SiteId Site, double Scale) {
  alignas(64) static thread_local uint64_t Hot[8];
  uint64_t Rounds = uint64_t(20e6 * Scale);
  double Start = threadCpuSeconds();
  for (uint64_t R = 0; R < Rounds; ++R) {
    uintptr_t Addr = uintptr_t(&Hot[R & 7]);
    D.access(T, Addr, 8, /*Write=*/false, /*Atomic=*/false, Site);
    D.access(T, Addr, 8, /*Write=*/true, /*Atomic=*/false, Site);
  }
  return {Rounds * 2, threadCpuSeconds() - Start};
}

Measured newEpoch(Detector &D, ThreadState &T, SiteId Site, double Scale) {
  constexpr size_t Words = size_t(8) << 20; // 64 MiB of 8-byte granules
  std::unique_ptr<uint64_t[]> Array(new uint64_t[Words]);
  uintptr_t Base = uintptr_t(Array.get());
  uint64_t Sync = 0;
  // One untimed sweep first, so shadow pages are already backed and the
  // timed sweeps measure the check, not the page faults.
  for (size_t I = 0; I < Words; ++I)
    D.access(T, Base + I * 8, 8, true, false, Site);
  int Sweeps = int(4 * Scale) < 1 ? 1 : int(4 * Scale);
  double Start = threadCpuSeconds();
  for (int S = 0; S < Sweeps; ++S) {
    D.release(T, uintptr_t(&Sync)); // a release starts a new epoch
    bool Write = S & 1;
    for (size_t I = 0; I < Words; ++I)
      D.access(T, Base + I * 8, 8, Write, false, Site);
  }
  return {uint64_t(Sweeps) * Words, threadCpuSeconds() - Start};
}

Measured lockPairs(Detector &D, ThreadState &T, SiteId Site, double Scale) {
  static thread_local pthread_mutex_t Locks[64];
  uint64_t Pairs = uint64_t(2e6 * Scale);
  double Start = threadCpuSeconds();
  for (uint64_t P = 0; P < Pairs; ++P) {
    uintptr_t Lock = uintptr_t(&Locks[P & 63]);
    D.lockRequested(T, Lock, Site, /*Exclusive=*/true,
                    Detector::Relock::Hangs, /*IsTry=*/false);
    D.mutexLocked(T, Lock, Site, /*Exclusive=*/true);
    D.mutexUnlocked(T, Lock, Site);
  }
  return {Pairs, threadCpuSeconds() - Start};
}

} // namespace

int main(int argc, char **argv) {
  double Scale = argc > 1 ? std::atof(argv[1]) : 1.0;
  if (!(Scale > 0)) {
    std::fprintf(stderr, "usage: %s [scale > 0]\n", argv[0]);
    return 2;
  }
  CountingSink Sink;
  Detector D(Sink);
  const char *SiteText = "benchmark\tcore_microbench.cpp\t1\t1";
  SiteId Site = D.sites().addSites(&SiteText, 1);
  ThreadState *Main = D.createMainThread();

  const Case Cases[] = {
      {"same-epoch", "accesses", sameEpoch},
      {"new-epoch", "accesses", newEpoch},
      {"lock-pair", "lock/unlock pairs", lockPairs},
  };
  std::printf("%-11s %-18s %8s %14s\n", "case", "unit", "threads",
              "M/s per thread");
  for (const Case &C : Cases) {
    for (unsigned Threads : {1u, 2u}) {
      std::vector<ThreadState *> States;
      for (unsigned I = 0; I < Threads; ++I) {
        ThreadState *T = D.createThread(*Main, 0);
        if (!T) {
          std::fprintf(stderr, "core_microbench: out of thread slots\n");
          return 1;
        }
        D.threadStarted(*T, 0, 0);
        States.push_back(T);
      }
      std::vector<double> Rates(Threads);
      std::vector<std::thread> Workers;
      for (unsigned I = 0; I < Threads; ++I)
        Workers.emplace_back([&, I] {
          Measured M = C.Run(D, *States[I], Site, Scale);
          Rates[I] = double(M.Events) / M.Seconds / 1e6;
        });
      for (std::thread &W : Workers)
        W.join();
      double Sum = 0;
      for (double R : Rates)
        Sum += R;
      std::printf("%-11s %-18s %8u %14.1f\n", C.Name, C.Unit, Threads,
                  Sum / Threads);
      for (ThreadState *T : States) {
        D.threadFinished(*T);
        D.threadJoined(*Main, T->Id);
      }
    }
  }
  uint64_t Findings = Sink.Count.load();
  if (Findings) {
    std::fprintf(stderr, "core_microbench: %llu unexpected finding(s)\n",
                 static_cast<unsigned long long>(Findings));
    return 1;
  }
  return 0;
}
