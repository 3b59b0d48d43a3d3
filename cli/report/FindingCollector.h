#pragma once

#include "Finding.h"

#include <string>
#include <cstdint>
#include <string_view>
#include <vector>

namespace racegate {

// The distinct findings of a stream or of many reports (`racegate merge`),
// in the order first seen. A finding whose fingerprint is already held is
// not stored again: its count adds to the first one's, and the first is in
// the baseline if any occurrence was (equal fingerprints, so a baseline that
// holds one holds all). Memory therefore grows with distinct findings, not
// with records.
class FindingCollector {
public:
  // At most this many distinct findings; more is a ToolError rather than an
  // unbounded process.
  static constexpr size_t kMaxFindings = 2'000'000;

  // `finding` must have its fingerprint. A new finding without a message
  // gets one (describing costs, so repeats are spared it).
  void add(Finding finding);

  // Whether a finding with this fingerprint is held (its repeats need
  // only their count and baseline).
  bool holds(std::string_view fingerprint);
  bool hasKind(std::string_view kind) const;
  size_t size() const { return all.size(); }
  Findings &findings() { return all; }
  const Findings &findings() const { return all; }
  Findings take();

private:
  // The held finding with this fingerprint, or nullptr.
  Finding *find(std::string_view fingerprint, uint64_t hash);
  void index(uint64_t hash, size_t position);

  Findings all;
  // An open-addressing table of the held findings by fingerprint: (hash,
  // position + 1) slots, 0 when free. Flat rather than a node per finding,
  // so a look-up is one probe and dropping it is one free.
  struct Slot {
    uint64_t hash = 0;
    size_t position = 0;
  };
  std::vector<Slot> slots;
};

} // namespace racegate
