//===- ShadowStack.cpp ----------------------------------------------------===//
#include "ShadowStack.h"

#include "LazyMemory.h"

namespace racegate {

ShadowStack::ShadowStack() { restart(); }

void ShadowStack::restart() {
  Depth = 0;
  History.restart([] { return AccessHistory::Snapshot{}; });
  if (Frames)
    return;
  char *P = mapLazyArray<char>(MappedBytes);
  if (!P)
    return;
  Frames = reinterpret_cast<Entry *>(P);
  Cache = reinterpret_cast<CacheEntry *>(Frames + Capacity);
}

ShadowStack::~ShadowStack() { release(); }

void ShadowStack::release() {
  if (!Frames)
    return;
  char *P = reinterpret_cast<char *>(Frames);
  Frames = nullptr;
  Cache = nullptr;
  Depth = 0;
  unmapLazyArray(P, MappedBytes);
}

StackId ShadowStack::materialize(StackDepot &Depot, unsigned Stored) {
  unsigned Known = Stored;
  while (Known > 0 && Frames[Known - 1].Stack == Unknown)
    --Known;
  StackId Id = Known > 0 ? Frames[Known - 1].Stack : 0;
  for (unsigned I = Known; I < Stored; ++I) {
    Id = intern(Depot, Id, Frames[I].CallSite);
    Frames[I].Stack = Id;
  }
  return Id;
}

StackId ShadowStack::intern(StackDepot &Depot, StackId Parent,
                            SiteId CallSite) {
  // The key is never 0, so an empty entry never matches.
  uint64_t Key = (uint64_t(Parent) << 32 | CallSite) + 1;
  if (!Cache)
    return Depot.intern(Parent, CallSite);
  CacheEntry &E = Cache[(Key * 0x9E3779B97F4A7C15ull) >> (64 - CacheBits)];
  if (E.Key == Key)
    return E.Stack;
  StackId Id = Depot.intern(Parent, CallSite);
  E = {Key, Id};
  return Id;
}

} // namespace racegate
