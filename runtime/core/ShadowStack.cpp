//===- ShadowStack.cpp ----------------------------------------------------===//
#include "ShadowStack.h"

#include <sys/mman.h>

namespace racegate {

ShadowStack::ShadowStack() {
  void *P = mmap(nullptr, Capacity * sizeof(Entry), PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  Frames = P == MAP_FAILED ? nullptr : static_cast<Entry *>(P);
}

ShadowStack::~ShadowStack() {
  if (Frames)
    munmap(Frames, Capacity * sizeof(Entry));
}

StackId ShadowStack::materialize(StackDepot &Depot, unsigned Stored) {
  unsigned Known = Stored;
  while (Known > 0 && Frames[Known - 1].Stack == Unknown)
    --Known;
  StackId Id = Known > 0 ? Frames[Known - 1].Stack : 0;
  for (unsigned I = Known; I < Stored; ++I) {
    Id = Depot.intern(Id, Frames[I].CallSite);
    Frames[I].Stack = Id;
  }
  return Id;
}

} // namespace racegate
