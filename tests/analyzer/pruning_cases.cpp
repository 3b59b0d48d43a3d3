// Accesses the pass must leave alone and accesses it must keep. Each
// extern "C" function below is preceded by "// hooks: none" (no access hook
// or range check may be emitted in it) or "// hooks: some" (at least one);
// check_pruning.py compiles this file with the plugin and checks both.
#include <cstdint>
#include <cstdlib>

extern "C" void opaqueSink(const int32_t *);
int32_t *GlobalPointer;
int64_t SharedTotal;

namespace {
struct Cell {
  int32_t Pos[16][2];
  int64_t Force[16];
};

// Always inlined, so that the array is the caller's own alloca when the
// pass runs: 32 stores, each with its own address computation.
[[gnu::always_inline]] inline void fill(int32_t (&Own)[16][2], int32_t Seed) {
  for (int P = 0; P < 16; ++P) {
    Own[P][0] = Seed * P;
    Own[P][1] = Seed + P;
  }
}

// Reads at indices known only at run time, so that the array stays in
// memory.
[[gnu::always_inline]] inline int64_t sumPicked(const int32_t (&Own)[16][2],
                                                int Count) {
  int64_t F = 0;
  for (int I = 0; I < Count; ++I)
    F += Own[I & 15][I & 1];
  return F;
}
} // namespace

// A local array filled element by element (the copy is unrolled into 32
// stores, each with its own address computation) and read in a loop: more
// uses than LLVM's default capture walk looks at, but none that lets the
// address out. Only the cell's memory is shared.
// hooks: some
extern "C" int64_t localArrayManyUses(Cell *C, const Cell *Other) {
  int32_t Own[16][2];
  for (int P = 0; P < 16; ++P) {
    Own[P][0] = Other->Pos[P][0];
    Own[P][1] = Other->Pos[P][1];
  }
  int64_t F = 0;
  for (int P = 0; P < 16; ++P)
    for (int Q = 0; Q < 16; ++Q)
      F += Own[Q][0] * C->Pos[P][0] + Own[Q][1] * C->Pos[P][1];
  return F;
}

// The same array, with nothing shared touched: no hook at all.
// hooks: none
extern "C" int64_t localArrayOnly(int32_t Seed, int Count) {
  int32_t Own[16][2];
  fill(Own, Seed);
  int64_t F = sumPicked(Own, Count);
  return F;
}

// The address goes to a function the pass cannot see: another thread may
// reach the array from there.
// hooks: some
extern "C" int64_t localArrayEscapesToCall(int32_t Seed) {
  int32_t Own[16][2];
  fill(Own, Seed);
  opaqueSink(&Own[0][0]);
  int64_t F = 0;
  for (int P = 0; P < 16; ++P)
    F += Own[P][0] + Own[P][1];
  return F;
}

// The address is stored where other threads can load it (the call may be
// one of them doing so).
// hooks: some
extern "C" int64_t localArrayPublished(int32_t Seed, int Count) {
  int32_t Own[16][2];
  fill(Own, Seed);
  GlobalPointer = &Own[0][0];
  opaqueSink(nullptr);
  int64_t F = sumPicked(Own, Count);
  GlobalPointer = nullptr;
  return F;
}

// A heap block no one else ever gets a pointer to.
// hooks: none
extern "C" int64_t privateHeapBlock(int32_t Seed) {
  auto *Block = static_cast<int32_t *>(std::malloc(64 * sizeof(int32_t)));
  if (!Block)
    return 0;
  for (int I = 0; I < 64; ++I)
    Block[I] = Seed ^ I;
  int64_t F = 0;
  for (int I = 0; I < 64; ++I)
    F += Block[I];
  std::free(Block);
  return F;
}

// A global written by every caller.
// hooks: some
extern "C" void sharedGlobalWrite(int64_t Value) { SharedTotal += Value; }
