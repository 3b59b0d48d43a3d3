//===- DetectorHarness.h - drive a Detector with event sequences ----------===//
#ifndef RACEGATE_TESTS_DETECTORHARNESS_H
#define RACEGATE_TESTS_DETECTORHARNESS_H

#include "Detector.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace racegate::test {

class CollectingSink : public FindingSink {
public:
  void emit(std::string_view Record) override {
    Findings.push_back(nlohmann::json::parse(Record));
  }
  std::vector<nlohmann::json> Findings;
};

/// A detector with a few named source sites, one per line of a fake file.
class DetectorHarness {
public:
  DetectorHarness() : D(Sink) {
    for (unsigned Line = 1; Line <= SiteCount; ++Line)
      Texts.push_back("fn" + std::to_string(Line) + "\tsrc.cpp\t" +
                      std::to_string(Line) + "\t3");
    for (const std::string &T : Texts)
      Pointers.push_back(T.c_str());
    Base = D.sites().addSites(Pointers.data(), Pointers.size());
    Main = D.createMainThread();
  }

  /// The site on line \p Line of src.cpp.
  SiteId line(unsigned Line) const { return Base + Line - 1; }

  ThreadState *spawn(ThreadState &Parent) {
    ThreadState *T = D.createThread(Parent, 0);
    D.threadStarted(*T, 0, 0);
    return T;
  }
  void finishAndJoin(ThreadState &Joiner, ThreadState &Child) {
    D.threadFinished(Child);
    D.threadJoined(Joiner, Child.Id);
  }
  void write(ThreadState &T, const void *P, size_t Size, unsigned Line) {
    D.access(T, reinterpret_cast<uintptr_t>(P), Size, true, false, line(Line));
  }
  void read(ThreadState &T, const void *P, size_t Size, unsigned Line) {
    D.access(T, reinterpret_cast<uintptr_t>(P), Size, false, false,
             line(Line));
  }
  size_t races() const { return Sink.Findings.size(); }
  /// The lines of the earlier accesses of the races found so far.
  std::multiset<int> earlierLines() const {
    std::multiset<int> Lines;
    for (const nlohmann::json &F : Sink.Findings)
      Lines.insert(F["stacks"][1]["frames"][0]["line"].get<int>());
    return Lines;
  }
  /// The shadow word of the granule holding \p P.
  uint64_t wordOf(const void *P) {
    return D.shadow().word(reinterpret_cast<uintptr_t>(P)).load();
  }

  static constexpr unsigned SiteCount = 32;
  CollectingSink Sink;
  Detector D;
  std::vector<std::string> Texts;
  std::vector<const char *> Pointers;
  SiteId Base = 0;
  ThreadState *Main = nullptr;
};

} // namespace racegate::test

#endif
