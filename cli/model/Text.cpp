#include "Text.h"

#include "Hash.h"
#include "JsonBytes.h"

#include <cstdint>
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

private:
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
