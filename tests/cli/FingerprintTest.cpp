#include "Fingerprint.h"
#include "Report.h"
#include "TestRecords.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

TEST(Fingerprint, Fnv1aMatchesReferenceVectors) {
  // Published FNV-1a 64 test vectors: the algorithm must never drift.
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fingerprint, IsSixteenHexDigits) {
  std::string fingerprint = fingerprintFinding(standardRace());
  EXPECT_EQ(fingerprint.size(), 16u);
  EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"),
            std::string::npos);
}

TEST(Fingerprint, FollowsTheDocumentedCanonicalForm) {
  // Stored baselines compare fingerprints from different racegate builds, so
  // the algorithm is specified (docs/report-format.md) and checked here
  // against a canonical string assembled by hand: kind, 0x1f and the global's
  // name, then per sorted distinct stack 0x1d and (basename 0x1f linkage name
  // 0x1e) for its first three user frames.
  std::string stack = "counter.cpp\x1f_Z9incrementv\x1e"
                      "counter.cpp\x1f_Z6workerPv\x1e"
                      "pthread_create.c\x1fstart_thread\x1e";
  std::string canonical = std::string("data_race\x1f"
                                      "counter") +
                          "\x1d" + stack;
  EXPECT_EQ(fingerprintFinding(standardRace()),
            fmt::format("{:016x}", fnv1a64(canonical)));
}

TEST(Fingerprint, IgnoresThreadIdsAddressesAndLines) {
  std::string reference = fingerprintFinding(standardRace());
  EXPECT_EQ(fingerprintFinding(dataRace({7, "write", 12}, {5, "write", 12})),
            reference);
  EXPECT_EQ(fingerprintFinding(
                dataRace({2, "write", 12}, {1, "write", 12}, "0x7fff0000")),
            reference);
  EXPECT_EQ(fingerprintFinding(dataRace({2, "write", 15}, {1, "write", 19})),
            reference);
}

TEST(Fingerprint, IgnoresAccessOrder) {
  test::Access reader{1, "read", 30, "_Z4readv"};
  test::Access writer{2, "write", 12};
  EXPECT_EQ(fingerprintFinding(dataRace(reader, writer)),
            fingerprintFinding(dataRace(writer, reader)));
}

TEST(Fingerprint, DistinguishesFunctionsAndKinds) {
  std::string reference = fingerprintFinding(standardRace());
  EXPECT_NE(fingerprintFinding(
                dataRace({2, "write", 12, "_Z5resetv"}, {1, "write", 12})),
            reference);
  Json otherKind = standardRace();
  otherKind["kind"] = "deadlock";
  EXPECT_NE(fingerprintFinding(otherKind), reference);
}

TEST(Fingerprint, OnlyTopThreeUserFramesCount) {
  std::string reference = fingerprintFinding(standardRace());
  Json deeper = standardRace();
  for (Json &stack : deeper["stacks"])
    stack["frames"].push_back(frame("_Z5outerv", "/src/other.cpp", 1));
  EXPECT_EQ(fingerprintFinding(deeper), reference);

  Json throughLibrary = standardRace();
  for (Json &stack : throughLibrary["stacks"])
    stack["frames"].insert(stack["frames"].begin(),
                           frame("_ZNSt5mutex4lockEv",
                                 "/usr/include/c++/12/bits/std_mutex.h", 100));
  EXPECT_EQ(fingerprintFinding(throughLibrary), reference);

  Json otherCaller = standardRace();
  for (Json &stack : otherCaller["stacks"])
    stack["frames"].insert(stack["frames"].begin() + 1,
                           frame("_Z6helperv", "/src/app/counter.cpp", 5));
  EXPECT_NE(fingerprintFinding(otherCaller), reference);
}

TEST(Fingerprint, SkipsSystemHeaderFrames) {
  // Two inversions through std::mutex share their innermost three frames
  // (libstdc++'s); only the user's functions tell them apart.
  Json first = lockOrderInversion();
  Json second = lockOrderInversion();
  for (Json &stack : second["stacks"])
    stack["frames"][2]["function"] = "_Z5auditv";
  EXPECT_NE(fingerprintFinding(first), fingerprintFinding(second));
  // And moving libstdc++ (another GCC version) changes nothing.
  Json moved = lockOrderInversion();
  for (Json &stack : moved["stacks"])
    stack["frames"][0]["file"] = "/usr/include/c++/13/bits/gthr-default.h";
  EXPECT_EQ(fingerprintFinding(moved), fingerprintFinding(first));
}

TEST(Fingerprint, DistinguishesRacedGlobals) {
  Json other = standardRace();
  other["race"]["variable"]["name"] = "total";
  EXPECT_NE(fingerprintFinding(other), fingerprintFinding(standardRace()));
  // Heap blocks have no stable name; their address must not matter.
  Json heapA = standardRace();
  heapA["race"]["variable"] = Json{{"kind", "heap"}, {"address", "0x1000"}};
  Json heapB = heapA;
  heapB["race"]["variable"]["address"] = "0x2000";
  EXPECT_EQ(fingerprintFinding(heapA), fingerprintFinding(heapB));
}

TEST(Fingerprint, IgnoresHowManyThreadsWaitAtOneSite) {
  Json fewer = lockDeadlock();
  Json more = lockDeadlock();
  more["stacks"].push_back(more["stacks"][0]);
  EXPECT_EQ(fingerprintFinding(fewer), fingerprintFinding(more));
}

TEST(Fingerprint, SameBeforeAndAfterDemangling) {
  Json record = standardRace();
  EXPECT_EQ(makeReportFinding(record)["fingerprint"],
            fingerprintFinding(record));
}

TEST(Fingerprint, UsesFileBasenameOnly) {
  Json moved = standardRace();
  for (Json &stack : moved["stacks"])
    for (Json &f : stack["frames"])
      f["file"] = "/elsewhere/checkout/" +
                  f["file"].get<std::string>().substr(
                      f["file"].get<std::string>().rfind('/') + 1);
  EXPECT_EQ(fingerprintFinding(moved), fingerprintFinding(standardRace()));
}
