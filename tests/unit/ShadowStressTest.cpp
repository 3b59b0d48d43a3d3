//===- ShadowStressTest.cpp - shadow records under real threads -----------===//
//
// Threads hand a few granules to each other under a lock, read them
// unlocked between handoffs, merge halves, free and reuse them, so that
// records are taken, grown, collapsed and given back while other threads
// still hold pointers to them; the unlocked reads race with the writes on
// purpose. Whatever the interleaving, every access ends, every granule's
// record is its own and every record is given back.
//
//===----------------------------------------------------------------------===//
#include "DetectorHarness.h"

#include <gtest/gtest.h>
#include <atomic>
#include <mutex>
#include <thread>

using namespace racegate;
using namespace racegate::test;

namespace {

constexpr unsigned Granules = 8, Rounds = 30000, Workers = 4;
alignas(64) uint32_t Data[Granules * 2];
alignas(8) long LockObject;

void work(DetectorHarness &H, ThreadState &T, std::mutex &Lock,
          unsigned Seed) {
  for (unsigned Round = 0; Round < Rounds; ++Round) {
    unsigned G = (Seed * 7 + Round * 13) % Granules;
    {
      std::lock_guard<std::mutex> Guard(Lock);
      H.D.mutexLocked(T, uintptr_t(&LockObject), H.line(1));
      // Halves in turn (merged), then the whole granule.
      H.read(T, &Data[2 * G], 4, 2);
      H.read(T, &Data[2 * G + 1], 4, 3);
      if (Round % 3 == 0) {
        H.write(T, &Data[2 * G], 4, 4);
        H.write(T, &Data[2 * G + 1], 4, 5);
      }
      if (Round % 5 == 0)
        H.write(T, &Data[2 * G], 8, 6);
      if (Round % 64 == 0)
        H.D.freedBy(T, uintptr_t(&Data[2 * G]), 8, H.line(7));
      H.D.mutexUnlocked(T, uintptr_t(&LockObject));
    }
    unsigned Other = (G + 1 + Round % 3) % Granules;
    H.read(T, &Data[2 * Other + Round % 2], 4, 8);
  }
}

} // namespace

TEST(ShadowStress, RecordsStayWithTheirGranules) {
  DetectorHarness H;
  std::mutex Lock;
  std::vector<ThreadState *> States;
  for (unsigned I = 0; I < Workers; ++I)
    States.push_back(H.spawn(*H.Main));
  std::vector<std::thread> Threads;
  for (unsigned I = 0; I < Workers; ++I)
    Threads.emplace_back(work, std::ref(H), std::ref(*States[I]),
                         std::ref(Lock), I);
  for (std::thread &T : Threads)
    T.join();
  EXPECT_GT(H.races(), 0u);
  for (unsigned G = 0; G < Granules; ++G) {
    uintptr_t Addr = uintptr_t(&Data[2 * G]);
    uint64_t Bits = H.D.shadow().word(Addr).load();
    if (pointsToCellSet(Bits)) {
      auto *Set = reinterpret_cast<CellSet *>(Bits & ~AccessWord::CellSetTag);
      EXPECT_EQ(Set->Granule.load(), Addr);
      EXPECT_LE(Set->Count, Set->capacity());
    }
  }
  for (ThreadState *T : States)
    H.finishAndJoin(*H.Main, *T);
  H.D.shadow().reset(uintptr_t(Data), sizeof(Data));
  EXPECT_EQ(H.D.cellSetsInUse(), 0u);
}

namespace {
alignas(8) int Counter;
alignas(8) long Published;
} // namespace

// Two threads that both start from an access they are ordered after (the
// first thread's initialization, published to the second) increment a
// counter at once. Each thread's later increments are covered by its first
// one in the epoch and never look at the shadow again, so a thread's first
// store must not replace an access the other thread made after it loaded
// the word: that access would be gone without being checked against it.
TEST(ShadowStress, ConcurrentFirstWritesAlwaysRace) {
  constexpr unsigned Trials = 60, Increments = 100;
  unsigned Missed = 0;
  for (unsigned Trial = 0; Trial < Trials; ++Trial) {
    DetectorHarness H;
    ThreadState *A = H.spawn(*H.Main), *B = H.spawn(*H.Main);
    H.write(*A, &Counter, 4, 1);
    H.D.release(*A, uintptr_t(&Published));
    H.D.acquire(*B, uintptr_t(&Published));
    std::atomic<unsigned> Started{0};
    auto Increment = [&](ThreadState &T, unsigned Line) {
      Started.fetch_add(1);
      while (Started.load() < 2) {
      }
      for (unsigned I = 0; I < Increments; ++I)
        H.write(T, &Counter, 4, Line);
    };
    std::thread First(Increment, std::ref(*A), 2);
    std::thread Second(Increment, std::ref(*B), 3);
    First.join();
    Second.join();
    Missed += H.races() == 0;
  }
  EXPECT_EQ(Missed, 0u) << "of " << Trials << " runs";
}
