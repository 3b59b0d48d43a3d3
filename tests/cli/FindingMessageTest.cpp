#include "FindingMessage.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

namespace {

Json withVariable(Json variable) {
  return dataRace({2, "write", 12}, {1, "read", 14}, "0x10",
                  std::move(variable));
}

Json finding(const std::string &kind, const char *objectKey, Json object,
             int actingThread = 1) {
  Json record{{"type", "finding"},
              {"kind", kind},
              {"stacks", Json::array({Json{{"thread", actingThread}}})}};
  record[objectKey] = std::move(object);
  return record;
}

Json waitsOf(std::initializer_list<Json> states) {
  Json threads = Json::array();
  for (const Json &state : states)
    threads.push_back(state);
  return Json{{"threads", std::move(threads)}};
}

} // namespace

TEST(FindingMessage, DataRaceOnGlobal) {
  EXPECT_EQ(describeFinding(standardRace()),
            "data race on 'counter' (global): write of size 4 by thread 2 vs "
            "previous write of size 4 by thread 1");
}

TEST(FindingMessage, DataRaceOnHeapStackAndUnknown) {
  EXPECT_EQ(describeFinding(withVariable({{"kind", "heap"},
                                          {"address", "0x20"},
                                          {"size", 400},
                                          {"offset", 12},
                                          {"thread", 1}})),
            "data race on heap block of 400 bytes at offset 12: write of size "
            "4 by thread 2 vs previous read of size 4 by thread 1");
  EXPECT_EQ(describeFinding(withVariable(
                {{"kind", "stack"}, {"address", "0x30"}, {"thread", 3}})),
            "data race on stack variable of thread 3: write of size 4 by "
            "thread 2 vs previous read of size 4 by thread 1");
  EXPECT_EQ(
      describeFinding(withVariable(
          {{"kind", "stack"},
           {"address", "0x30"},
           {"thread", 3},
           {"frame",
            {{"function", "main"}, {"file", "/src/m.cpp"}, {"line", 13}}}})),
      "data race on stack variable of thread 3 in main: write of size 4 by "
      "thread 2 vs previous read of size 4 by thread 1");
  EXPECT_EQ(describeFinding(
                withVariable({{"kind", "unknown"}, {"address", "0x7f00"}})),
            "data race on address 0x7f00: write of size 4 by thread 2 vs "
            "previous read of size 4 by thread 1");
}

TEST(FindingMessage, DataRaceMentionsAtomicOffsetAndLocksHeld) {
  Json record = withVariable({{"kind", "global"},
                              {"name", "table"},
                              {"address", "0x40"},
                              {"size", 64},
                              {"offset", 8}});
  record["race"]["accesses"][1]["atomic"] = true;
  record["race"]["accesses"][0]["locks_held"] =
      Json::array({Json{{"address", "0x99"}, {"acquired_at", Json::array()}}});
  // Older runtimes gave no locks_held for the earlier access.
  record["race"]["accesses"][1].erase("locks_held");
  EXPECT_EQ(describeFinding(record),
            "data race on 'table' (global) at offset 8: write of size 4 by "
            "thread 2 holding lock 0x99 vs previous atomic read of size 4 by "
            "thread 1");
  // Different locks on the two sides are the classic clue.
  record["race"]["accesses"][1]["locks_held"] =
      Json::array({Json{{"address", "0x7"}}, Json{{"address", "0x8"}}});
  EXPECT_NE(describeFinding(record).find(
                "previous atomic read of size 4 by thread 1 holding locks 0x7 "
                "and 0x8"),
            std::string::npos);
}

TEST(FindingMessage, DataRaceWithoutDetailsFallsBack) {
  Json bare{{"kind", "data_race"},
            {"stacks", Json::array({Json{{"thread", 4}}})}};
  EXPECT_EQ(describeFinding(bare), "data race in thread 4");
}

TEST(FindingMessage, TwoLockInversionReadsAsTheReverse) {
  EXPECT_EQ(describeFinding(lockOrderInversion()),
            "lock-order inversion: thread 1 takes 0xa0 then 0xb0, thread 2 "
            "the reverse");
}

TEST(FindingMessage, LongerInversionListsEveryThread) {
  Json cycle = Json::array();
  for (auto [thread, holds, requests] :
       {std::tuple{3, "0x1", "0x2"}, {1, "0x2", "0x3"}, {2, "0x3", "0x1"}})
    cycle.push_back(Json{{"thread", thread},
                         {"holds", holds},
                         {"holds_exclusive", true},
                         {"requests", requests},
                         {"requests_exclusive", thread != 2}});
  EXPECT_EQ(describeFinding(finding("lock_order_inversion", "cycle", cycle)),
            "lock-order inversion: thread 3 takes 0x1 then 0x2, thread 1 "
            "takes 0x2 then 0x3 and thread 2 takes 0x3 then 0x1 (shared)");
}

TEST(FindingMessage, ViolationSaysWhyItCannotDeadlock) {
  EXPECT_EQ(describeFinding(lockOrderViolation("gate_lock")),
            "lock-order violation: thread 1 takes 0xa0 then 0xb0, thread 2 the "
            "reverse (lock 0xc0 is held around both, so they cannot deadlock "
            "while every path takes it)");
  Json single = lockOrderViolation("single_thread");
  single["cycle"][1]["thread"] = 1;
  EXPECT_EQ(describeFinding(single),
            "lock-order violation: thread 1 takes 0xa0 then 0xb0, later the "
            "reverse (one thread takes both orders, so it cannot deadlock "
            "here, but two threads running this code could)");
  EXPECT_NE(describeFinding(lockOrderViolation("ordered"))
                .find("ordered by thread joins, barriers, latches or "
                      "semaphores"),
            std::string::npos);
}

TEST(FindingMessage, DeadlockNamesHoldersFromTheirHolds) {
  EXPECT_EQ(describeFinding(lockDeadlock()),
            "deadlock: thread 1 waits for lock 0xb0 held by thread 2 and "
            "thread 2 waits for lock 0xa0 held by thread 1");
}

TEST(FindingMessage, DeadlockOnItselfAndThroughJoins) {
  Json self = waitState(0, "lock", "0x10", {"0x10"});
  self["owner"] = 0;
  EXPECT_EQ(describeFinding(finding("deadlock", "deadlock", waitsOf({self}))),
            "deadlock: thread 0 waits for lock 0x10 that it already holds");

  Json joins =
      waitsOf({waitState(1, "join", "0x0"), waitState(2, "join", "0x0")});
  joins["threads"][0]["join_target"] = 2;
  joins["threads"][1]["join_target"] = 1;
  EXPECT_EQ(describeFinding(finding("deadlock", "deadlock", joins)),
            "deadlock: thread 1 waits to join thread 2 and thread 2 waits to "
            "join thread 1");
}

TEST(FindingMessage, StallGroupsThreadsAndExplainsWhy) {
  Json main = waitState(0, "join", "0x0");
  main["join_target"] = 1;
  Json stall = waitsOf(
      {main, waitState(1, "barrier", "0xb"), waitState(2, "barrier", "0xb")});
  stall["lost_wakeup"] = false;
  stall["barriers"] =
      Json::array({Json{{"object", "0xb"}, {"arrived", 2}, {"parties", 3}}});
  EXPECT_EQ(describeFinding(finding("stall", "stall", stall)),
            "stall: no thread can make progress: thread 0 waits to join "
            "thread 1 and threads 1 and 2 wait at barrier 0xb; barrier 0xb: 2 "
            "of 3 parties arrived");

  Json lost = waitsOf({waitState(2, "condition_variable", "0xc")});
  lost["lost_wakeup"] = true;
  lost["barriers"] = Json::array();
  std::string text = describeFinding(finding("stall", "stall", lost));
  EXPECT_NE(text.find("thread 2 waits on condition variable 0xc"),
            std::string::npos);
  EXPECT_NE(text.find("a wakeup was lost"), std::string::npos);
}

TEST(FindingMessage, StarvationCountsTheOthersAcquisitions) {
  Json starvation{{"thread", 3},
                  {"lock", "0x50"},
                  {"read_lock", false},
                  {"waited_ms", 1084},
                  {"acquisitions_meanwhile", 4749},
                  {"acquisitions_by_thread",
                   Json::array({Json{{"thread", 1}, {"count", 2409}},
                                Json{{"thread", 2}, {"count", 2340}}})}};
  EXPECT_EQ(describeFinding(finding("starvation", "starvation", starvation)),
            "starvation: thread 3 waited 1084 ms for lock 0x50 while other "
            "threads took it 4749 times (thread 1: 2409 and thread 2: 2340)");
  starvation["read_lock"] = true;
  EXPECT_NE(describeFinding(finding("starvation", "starvation", starvation))
                .find("for read lock 0x50"),
            std::string::npos);
}

TEST(FindingMessage, Livelock) {
  Json livelock{
      {"threads",
       Json::array({Json{{"thread", 1}, {"failed_try_locks", 207}},
                    Json{{"thread", 2}, {"failed_try_locks", 190}}})}};
  EXPECT_EQ(describeFinding(finding("livelock", "livelock", livelock)),
            "livelock: thread 1 failed 207 try-locks in a row and thread 2 "
            "failed 190 try-locks in a row, so none of them makes progress");
}

TEST(FindingMessage, MisuseNamesTheActingThreadFromItsStack) {
  EXPECT_EQ(describeFinding(misuse("unlock_not_owned", 1, "0x8", 0)),
            "thread 1 unlocks lock 0x8 held by thread 0");
  EXPECT_EQ(describeFinding(misuse("unlock_not_owned", 1, "0x8")),
            "thread 1 unlocks lock 0x8 which it does not hold");
  EXPECT_EQ(describeFinding(misuse("double_unlock", 0, "0x8")),
            "double unlock: thread 0 unlocks lock 0x8 which is not locked");
  EXPECT_EQ(describeFinding(misuse("destroy_locked", 0, "0x8", 2)),
            "thread 0 destroys lock 0x8 while it is locked by thread 2");
  EXPECT_EQ(describeFinding(misuse("destroy_locked", 0, "0x8")),
            "thread 0 destroys lock 0x8 while it is locked");
  EXPECT_EQ(describeFinding(misuse("lock_leak", 4, "0x8")),
            "lock leak: thread 4 ended while holding lock 0x8");
  EXPECT_EQ(describeFinding(misuse("semaphore_overflow", 1, "0x9")),
            "thread 1 releases semaphore 0x9 beyond its maximum value");
  EXPECT_EQ(describeFinding(misuse("condvar_wait_unlocked", 3, "0xc")),
            "thread 3 waits on condition variable 0xc without holding its "
            "mutex");
  EXPECT_EQ(describeFinding(misuse("condvar_multiple_mutexes", 2, "0xc")),
            "thread 2 waits on condition variable 0xc with a different mutex "
            "than earlier waits used");
  EXPECT_EQ(describeFinding(misuse("thread_leak", 2, "0x7f00")),
            "thread leak: thread 2 ended but was never joined or detached");
  Json failed = misuse("sync_call_failed", 1, "0x8");
  failed["misuse"]["call"] = "pthread_mutex_lock";
  failed["misuse"]["error"] = "EDEADLK";
  EXPECT_EQ(describeFinding(failed),
            "thread 1 calls pthread_mutex_lock on 0x8, which fails with "
            "EDEADLK");
  Json dead = misuse("lock_destroyed", 0, "0x8");
  dead["misuse"]["call"] = "pthread_rwlock_rdlock";
  dead["misuse"]["state"] = "destroyed";
  EXPECT_EQ(describeFinding(dead),
            "thread 0 calls pthread_rwlock_rdlock on 0x8, which was destroyed");
  dead["misuse"]["state"] = "uninitialized";
  EXPECT_EQ(describeFinding(dead), "thread 0 calls pthread_rwlock_rdlock on "
                                   "0x8, which was never initialized");
  Json busy = misuse("condvar_destroy_busy", 0, "0xc");
  busy["misuse"]["waiters"] = 2;
  EXPECT_EQ(describeFinding(busy),
            "thread 0 destroys condition variable 0xc while 2 threads wait on "
            "it");
  Json barrier = misuse("barrier_misuse", 0, "0xb");
  barrier["misuse"]["call"] = "pthread_barrier_destroy";
  barrier["misuse"]["waiters"] = 1;
  EXPECT_EQ(describeFinding(barrier),
            "thread 0 destroys barrier 0xb while 1 thread waits at it");
  Json reinit = misuse("sync_reinit", 0, "0x9");
  reinit["misuse"]["call"] = "sem_init";
  reinit["misuse"]["waiters"] = 1;
  EXPECT_EQ(describeFinding(reinit),
            "thread 0 initializes semaphore 0x9 again while 1 thread waits on "
            "it");
}

TEST(FindingMessage, TimeoutSaysWhatEachThreadWasDoing) {
  Json main = waitState(0, "join", "0x0");
  main["join_target"] = 1;
  Json timeout{{"seconds", 2},
               {"threads", Json::array({main, waitState(1, "none", "0x0")})}};
  EXPECT_EQ(describeFinding(finding("timeout", "timeout", timeout)),
            "timeout: the program was still running after 2 s: thread 0 "
            "waits to join thread 1 and thread 1 is running");
  timeout["threads"] = Json::array();
  EXPECT_EQ(describeFinding(finding("timeout", "timeout", timeout)),
            "timeout: the program was still running after 2 s");
}

TEST(FindingMessage, EveryKindSurvivesMissingDetails) {
  for (const char *kind :
       {"data_race", "lock_order_inversion", "deadlock", "stall", "starvation",
        "livelock", "unlock_not_owned", "double_unlock", "destroy_locked",
        "lock_leak", "semaphore_overflow", "condvar_wait_unlocked",
        "condvar_multiple_mutexes", "thread_leak", "invalid_thread_op",
        "barrier_misuse", "sync_reinit", "sync_call_failed", "timeout",
        "lock_order_violation", "lock_destroyed", "condvar_destroy_busy",
        "future_kind"}) {
    for (Json record : {Json{{"kind", kind}},
                        Json{{"kind", kind},
                             {"race", 1},
                             {"cycle", "x"},
                             {"deadlock", nullptr},
                             {"stall", Json{{"threads", 3}}},
                             {"starvation", Json::array()},
                             {"livelock", Json{{"threads", Json::array({1})}}},
                             {"misuse", Json::array()},
                             {"timeout", true},
                             {"stacks", 5}}}) {
      EXPECT_FALSE(describeFinding(record).empty()) << kind;
    }
  }
}
