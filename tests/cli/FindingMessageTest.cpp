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

Json finding(const std::string &kind, const char *objectKey, Json object) {
  Json record{{"type", "finding"}, {"kind", kind}, {"stacks", Json::array()}};
  record[objectKey] = std::move(object);
  return record;
}

Json lock(const std::string &name, const std::string &kind = "mutex") {
  return Json{{"kind", kind}, {"address", "0x1000"}, {"name", name}};
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
  EXPECT_EQ(describeFinding(
                withVariable({{"kind", "unknown"}, {"address", "0x7f00"}})),
            "data race on address 0x7f00: write of size 4 by thread 2 vs "
            "previous read of size 4 by thread 1");
}

TEST(FindingMessage, DataRaceMentionsAtomicAndGlobalOffset) {
  Json record = withVariable({{"kind", "global"},
                              {"name", "table"},
                              {"address", "0x40"},
                              {"size", 64},
                              {"offset", 8}});
  record["race"]["accesses"][1]["atomic"] = true;
  EXPECT_EQ(describeFinding(record),
            "data race on 'table' (global) at offset 8: write of size 4 by "
            "thread 2 vs previous atomic read of size 4 by thread 1");
}

TEST(FindingMessage, DataRaceWithoutDetailsFallsBack) {
  Json bare{{"kind", "data_race"},
            {"stacks", Json::array({Json{{"thread", 4}}})}};
  EXPECT_EQ(describeFinding(bare), "data race in thread 4");
}

TEST(FindingMessage, LockCycles) {
  Json cycle{
      {"locks", Json::array({lock("a"), lock("b")})},
      {"edges", Json::array({Json{{"thread", 1}, {"from", 0}, {"to", 1}},
                             Json{{"thread", 2}, {"from", 1}, {"to", 0}}})}};
  EXPECT_EQ(describeFinding(finding("lock_order_inversion", "cycle", cycle)),
            "lock order inversion (potential deadlock): mutex 'a' -> mutex "
            "'b' -> mutex 'a'");
  EXPECT_EQ(describeFinding(finding("deadlock", "cycle", cycle)),
            "deadlock: thread 1 holds mutex 'a' and waits for mutex 'b', "
            "thread 2 holds mutex 'b' and waits for mutex 'a'");
}

TEST(FindingMessage, BlockedThreads) {
  Json blocked{{"threads", Json::array({2})},
               {"object", Json{{"kind", "mutex"}, {"address", "0xbeef"}}},
               {"seconds", 5}};
  EXPECT_EQ(describeFinding(finding("stall", "blocked", blocked)),
            "stall: thread 2 made no progress for 5 s while waiting on mutex "
            "at 0xbeef");
  EXPECT_EQ(describeFinding(finding("starvation", "blocked", blocked)),
            "starvation: thread 2 waited 5 s for mutex at 0xbeef while other "
            "threads kept acquiring it");
  blocked["threads"] = Json::array({1, 2});
  blocked["seconds"] = 2.5;
  EXPECT_EQ(describeFinding(finding("livelock", "blocked", blocked)),
            "livelock: threads 1, 2 kept retrying mutex at 0xbeef for 2.5 s "
            "without progress");
}

TEST(FindingMessage, Misuse) {
  Json misuse{{"thread", 2}, {"object", lock("m")}, {"owner", 1}};
  EXPECT_EQ(describeFinding(finding("unlock_not_owned", "misuse", misuse)),
            "thread 2 unlocks mutex 'm' owned by thread 1");
  EXPECT_EQ(describeFinding(finding("destroy_locked", "misuse", misuse)),
            "thread 2 destroys mutex 'm' while it is locked by thread 1");
  misuse["owner"] = nullptr;
  EXPECT_EQ(describeFinding(finding("unlock_not_owned", "misuse", misuse)),
            "thread 2 unlocks mutex 'm' which it does not hold");
  EXPECT_EQ(describeFinding(finding("double_unlock", "misuse", misuse)),
            "double unlock: thread 2 unlocks mutex 'm' which is not locked");
  EXPECT_EQ(describeFinding(finding("lock_leak", "misuse", misuse)),
            "lock leak: thread 2 ended still holding mutex 'm'");
  EXPECT_EQ(describeFinding(finding(
                "semaphore_overflow", "misuse",
                {{"thread", 1}, {"object", lock("slots", "semaphore")}})),
            "thread 1 posts semaphore 'slots' beyond its maximum value");
  EXPECT_EQ(describeFinding(finding("condvar_wait_unlocked", "misuse",
                                    {{"thread", 3},
                                     {"object", lock("ready", "condvar")},
                                     {"mutex", lock("m")}})),
            "thread 3 waits on condition variable 'ready' without holding "
            "mutex 'm'");
  EXPECT_EQ(
      describeFinding(
          finding("condvar_multiple_mutexes", "misuse",
                  {{"thread", 3},
                   {"object", lock("ready", "condvar")},
                   {"mutexes", Json::array({lock("a"), lock("b")})}})),
      "condition variable 'ready' is used with different mutexes: mutex 'a' "
      "and mutex 'b'");
}

TEST(FindingMessage, Timeout) {
  EXPECT_EQ(describeFinding(finding("timeout", "timeout", {{"seconds", 10}})),
            "the program outran the 10 s timeout");
}

TEST(FindingMessage, EveryKindSurvivesMissingDetails) {
  for (const char *kind :
       {"data_race", "lock_order_inversion", "deadlock", "stall", "starvation",
        "livelock", "unlock_not_owned", "double_unlock", "destroy_locked",
        "lock_leak", "semaphore_overflow", "condvar_wait_unlocked",
        "condvar_multiple_mutexes", "timeout", "future_kind"}) {
    for (Json record : {Json{{"kind", kind}}, Json{{"kind", kind},
                                                   {"race", 1},
                                                   {"cycle", "x"},
                                                   {"blocked", nullptr},
                                                   {"misuse", Json::array()},
                                                   {"timeout", true},
                                                   {"stacks", 5}}}) {
      EXPECT_FALSE(describeFinding(record).empty()) << kind;
    }
  }
}
