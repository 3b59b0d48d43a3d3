#include "Text.h"

#include "Hash.h"
#include "JsonBytes.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <vector>

namespace racegate {

namespace {

// The strings live in a deque (its elements never move), indexed by an
// open-addressing table of (hash, string) slots: a lookup touches one slot
// and, on a hash match, the string itself. Every frame of every record
// looks up its function and file, so this is on the parser's hot path.
class Pool {
public:
  const Text::Entry *intern(std::string_view text) {
    // The same few hundred names and paths (the standard library's frames)
    // recur in every finding, while the table grows with the distinct ones
    // to megabytes, where each probe is a cache miss. A small table of the
    // strings seen last, indexed by a guess from the length and the ends,
    // finds those in the cache.
    size_t guess = recentIndex(text);
    if (const Text::Entry *recent = recentlySeen[guess];
        recent && recent->text == text)
      return recent;
    const Text::Entry *entry = lookUp(text);
    recentlySeen[guess] = entry;
    return entry;
  }

private:
  static size_t recentIndex(std::string_view text) {
    uint64_t ends = text.size();
    if (text.size() >= 8) {
      uint64_t first, last;
      std::memcpy(&first, text.data(), 8);
      std::memcpy(&last, text.data() + text.size() - 8, 8);
      ends ^= first * 0x9E3779B97F4A7C15ULL ^ last;
    } else {
      std::memcpy(&ends, text.data(), text.size());
      ends = (ends ^ text.size()) * 0x9E3779B97F4A7C15ULL;
    }
    return (ends ^ (ends >> 29)) & (kRecent - 1);
  }

  const Text::Entry *lookUp(std::string_view text) {
    uint64_t hash = hashBytes(text);
    size_t mask = slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot &slot = slots[i];
      if (!slot.value) {
        const Text::Entry *stored = &strings.emplace_back(Text::Entry{
            std::string(text), endOfPlainBytes(text, 0) == text.size()});
        slot = {hash, stored};
        if (++used * 2 > slots.size())
          grow();
        return stored;
      }
      if (slot.hash == hash && slot.value->text == text)
        return slot.value;
    }
  }

  struct Slot {
    uint64_t hash = 0;
    const Text::Entry *value = nullptr;
  };

  void grow() {
    std::vector<Slot> old(slots.size() * 2);
    old.swap(slots);
    size_t mask = slots.size() - 1;
    for (const Slot &slot : old) {
      if (!slot.value)
        continue;
      size_t i = slot.hash & mask;
      while (slots[i].value)
        i = (i + 1) & mask;
      slots[i] = slot;
    }
  }

  static constexpr size_t kRecent = 4096;
  std::array<const Text::Entry *, kRecent> recentlySeen{};
  std::deque<Text::Entry> strings;
  std::vector<Slot> slots = std::vector<Slot>(1024);
  size_t used = 0;
};

Pool &pool() {
  // Never destroyed: the strings are needed until the process ends, and
  // freeing hundreds of thousands of them one by one at exit would only
  // delay it.
  static Pool *instance = new Pool;
  return *instance;
}

} // namespace

Text::Text(std::string_view text) : value(pool().intern(text)) {}

} // namespace racegate
