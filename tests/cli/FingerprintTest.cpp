#include "Fingerprint.h"
#include "Report.h"
#include "TestRecords.h"

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

TEST(Fingerprint, IsPinnedAcrossBuilds) {
  // Stored baselines compare fingerprints from different racegate builds;
  // this value may only change together with a schema version bump.
  EXPECT_EQ(fingerprintFinding(standardRace()), "1baae7c35f13bfed");
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
  Access reader{1, "read", 30, "_Z4readv"};
  Access writer{2, "write", 12};
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

TEST(Fingerprint, OnlyTopThreeFramesCount) {
  Json deeper = standardRace();
  for (Json &stack : deeper["stacks"])
    stack["frames"].push_back(frame("_Z5outerv", "/src/other.cpp", 1));
  EXPECT_EQ(fingerprintFinding(deeper), fingerprintFinding(standardRace()));
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
