//===- RaceReport.cpp - turning a detected race into a finding record -----===//
#include "Detector.h"
#include "JsonWriter.h"

#include <cstdio>

namespace racegate {

std::vector<Frame> Detector::frames(SiteId Site, StackId Stack) const {
  std::vector<Frame> Out = Sites.frames(Site);
  for (SiteId Call : Stacks.callSites(Stack)) {
    for (Frame &F : Sites.frames(Call))
      Out.push_back(std::move(F));
  }
  return Out;
}

void Detector::writeLocks(JsonWriter &J, const std::vector<LockRecord> &Locks) {
  J.beginArray();
  for (const LockRecord &L : Locks) {
    J.beginObject().key("address").address(L.Address);
    J.key("exclusive").value(L.Exclusive).key("acquired_at");
    writeStack(J, frames(L.Site, L.Stack));
    J.endObject();
  }
  J.endArray();
}

void Detector::writeStack(JsonWriter &J, const std::vector<Frame> &Frames) {
  J.beginArray();
  for (const Frame &F : Frames) {
    J.beginObject()
        .key("function")
        .value(F.Function)
        .key("file")
        .value(F.File)
        .key("line")
        .value(uint64_t(F.Line))
        .key("column")
        .value(uint64_t(F.Column));
    if (F.Inlined)
      J.key("inlined").value(true);
    J.endObject();
  }
  J.endArray();
}

void Detector::writeVariable(JsonWriter &J, uintptr_t Addr) {
  J.beginObject();
  if (auto G = Sites.findGlobal(Addr)) {
    J.key("kind").value("global").key("name").value(G->Name);
    J.key("address").address(G->Address).key("size").value(G->Size);
    J.key("offset").value(uint64_t(Addr - G->Address));
    J.key("file").value(G->File).key("line").value(uint64_t(G->Line));
  } else if (auto B = Heap.find(Addr)) {
    J.key("kind").value("heap").key("address").address(B->Address);
    J.key("size").value(uint64_t(B->Size));
    J.key("offset").value(uint64_t(Addr - B->Address));
    J.key("thread").value(uint64_t(B->Thread));
    J.key("allocation_stack");
    writeStack(J, frames(B->Site, B->Stack));
  } else {
    ThreadState *Owner = nullptr;
    {
      SpinGuard Guard(ThreadsLock);
      for (const auto &T : Threads)
        if (Addr >= T->StackLow && Addr < T->StackHigh)
          Owner = T.get();
    }
    if (Owner) {
      J.key("kind").value("stack").key("thread").value(uint64_t(Owner->Id));
      // The innermost frame that started above the address holds it.
      SiteId Function = 0;
      Owner->Stack.forEachFrame([&](const ShadowStack::FrameInfo &F) {
        if (!Function && F.CallerSp > Addr)
          Function = F.Function;
      });
      std::vector<Frame> Named = Sites.frames(Function);
      if (!Named.empty()) {
        J.key("frame").beginObject().key("function").value(Named[0].Function);
        J.key("file").value(Named[0].File);
        J.key("line").value(uint64_t(Named[0].Line)).endObject();
      }
    } else {
      J.key("kind").value("unknown");
    }
    J.key("address").address(Addr);
  }
  J.endObject();
}

static std::string accessDescription(bool Previous, bool Write, bool Atomic,
                                     unsigned Size) {
  std::string D = Previous ? "previous " : "";
  D += Atomic ? "atomic " : "";
  D += Write ? "write" : "read";
  D += " of size " + std::to_string(Size);
  return D;
}

void Detector::reportRace(ThreadState &T, uintptr_t Addr, uint8_t Mask,
                          bool Write, bool Atomic, SiteId Site, AccessWord Old,
                          SiteId OldSite) {
  // The caller made sure the runtime is not busy on T already.
  if (Races.seenSites(Site, OldSite))
    return;
  RuntimeScope Busy(T);
  if (!Races.firstTime(Site, OldSite, Sites.location(Site),
                       Sites.location(OldSite)))
    return;

  uintptr_t Granule = Addr & ~uintptr_t(GranuleBytes - 1);
  unsigned NowSize = __builtin_popcount(Mask);
  unsigned OldSize = __builtin_popcount(Old.mask());
  uintptr_t NowAddr = Granule + __builtin_ctz(Mask);
  uintptr_t OldAddr = Granule + __builtin_ctz(Old.mask());
  // Replayed only now: most remembered accesses are never reported.
  StackId OldStack;
  uint32_t OldLockset;
  bool OldStackKnown =
      stackOfEarlier(Old, OldSite, Granule, OldStack, OldLockset);

  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("data_race");
  J.key("stacks").beginArray();
  J.beginObject().key("thread").value(uint64_t(T.Id));
  J.key("description").value(accessDescription(false, Write, Atomic, NowSize));
  J.key("frames");
  writeStack(J, frames(Site, T.Stack.current(Stacks)));
  J.endObject();
  J.beginObject().key("thread").value(uint64_t(Old.tid()));
  std::string OldDescription =
      accessDescription(true, Old.isWrite(), Old.isAtomic(), OldSize);
  if (!OldStackKnown)
    OldDescription += " (its callers are older than the history kept)";
  J.key("description").value(OldDescription);
  J.key("frames");
  writeStack(J, frames(OldSite, OldStack));
  J.endObject();
  J.endArray();

  writeThreads(J, {T.Id, Old.tid()}, std::pair(Old.tid(), Old.clock()));

  J.key("race").beginObject().key("accesses").beginArray();
  J.beginObject().key("thread").value(uint64_t(T.Id));
  J.key("operation").value(Write ? "write" : "read");
  J.key("size").value(uint64_t(NowSize)).key("atomic").value(Atomic);
  J.key("address").address(NowAddr).key("locks_held");
  std::vector<LockRecord> NowLocks;
  for (const HeldLock &L : T.Held)
    NowLocks.push_back({L.Address, L.Stack, L.Site, L.Exclusive});
  writeLocks(J, NowLocks);
  J.endObject();
  J.beginObject().key("thread").value(uint64_t(Old.tid()));
  J.key("operation").value(Old.isWrite() ? "write" : "read");
  J.key("size").value(uint64_t(OldSize)).key("atomic").value(Old.isAtomic());
  J.key("address").address(OldAddr).key("locks_held");
  writeLocks(J, Locksets.locks(OldLockset));
  J.endObject();
  J.endArray();
  J.key("variable");
  writeVariable(J, NowAddr);
  J.endObject();
  J.endObject();
  Sink.emit(J.str());
}

} // namespace racegate
