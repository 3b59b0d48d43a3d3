//===- AccessHistory.cpp --------------------------------------------------===//
#include "AccessHistory.h"

#include "LazyMemory.h"

#include <algorithm>
#include <vector>

namespace racegate {

void AccessHistory::reserve(uint64_t Events) {
  if (Ring)
    return;
  uint64_t Size = 2 * PartEvents;
  while (Size * 2 <= Events && Size < MaxEvents)
    Size *= 2;
  uint64_t *NewRing = mapLazyArray<uint64_t>(Size);
  unsigned Parts = unsigned(Size >> PartBits);
  PartHeader *NewHeaders = mapLazyArray<PartHeader>(Parts);
  if (!NewRing || !NewHeaders) {
    unmapLazyArray(NewRing, Size);
    unmapLazyArray(NewHeaders, Parts);
    return;
  }
  Headers = NewHeaders;
  PartCount = Parts;
  RingMask = Size - 1;
  Ring = NewRing;
}

AccessHistory::~AccessHistory() {
  if (!Ring)
    return;
  unmapLazyArray(Ring, RingMask + 1);
  unmapLazyArray(Headers, PartCount);
}

void AccessHistory::beginPart(uint64_t P, Snapshot S) {
  uint64_t Number = P >> PartBits;
  PartHeader &H = Headers[Number % PartCount];
  // A reader that copied this part's events checks the serial again after
  // the copy: clearing it first tells it the events may be new ones.
  H.Serial.store(0, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  H.Stack = S.Stack;
  H.Depth = S.Depth;
  H.Lockset = LastLockset;
  H.Epoch = LastEpoch;
  H.Serial.store(Number + 1, std::memory_order_release);
}

bool AccessHistory::find(Clock Epoch, SiteId Site, uintptr_t Addr,
                         StackDepot &Depot, StackId &Stack,
                         uint32_t &Lockset) const {
  if (!Ring)
    return false;
  uint64_t End = Pos.load(std::memory_order_acquire);
  if (End == 0)
    return false;
  uint64_t Newest = (End - 1) >> PartBits;
  uint64_t Oldest = Newest >= PartCount - 1 ? Newest - (PartCount - 1) : 0;
  auto EpochOf = [&](uint64_t Number, Clock &Out) {
    const PartHeader &H = Headers[Number % PartCount];
    if (H.Serial.load(std::memory_order_acquire) != Number + 1)
      return false;
    Out = H.Epoch;
    std::atomic_thread_fence(std::memory_order_acquire);
    return H.Serial.load(std::memory_order_relaxed) == Number + 1;
  };
  // Epochs only grow along the ring: the access is in the first part that
  // reaches into its epoch and holds it.
  for (uint64_t Number = Oldest; Number <= Newest; ++Number) {
    Clock Start;
    if (!EpochOf(Number, Start))
      continue;
    if (Start > Epoch)
      return false;
    Clock NextStart;
    if (Number < Newest && EpochOf(Number + 1, NextStart) && NextStart < Epoch)
      continue;
    if (replayPart(Number, End, Epoch, Site, Addr, Depot, Stack, Lockset))
      return true;
  }
  return false;
}

bool AccessHistory::replayPart(uint64_t Number, uint64_t End, Clock Epoch,
                               SiteId Site, uintptr_t Addr, StackDepot &Depot,
                               StackId &Stack, uint32_t &Lockset) const {
  const PartHeader &H = Headers[Number % PartCount];
  uint64_t Serial = Number + 1;
  if (H.Serial.load(std::memory_order_acquire) != Serial)
    return false;
  PartHeader Start;
  Start.Stack = H.Stack;
  Start.Depth = H.Depth;
  Start.Lockset = H.Lockset;
  Start.Epoch = H.Epoch;
  uint64_t First = Number << PartBits;
  uint64_t Last = std::min(First + PartEvents, End);
  std::vector<uint64_t> Events(Last - First);
  for (uint64_t I = First; I < Last; ++I)
    Events[I - First] = __atomic_load_n(&Ring[I & RingMask], __ATOMIC_RELAXED);
  std::atomic_thread_fence(std::memory_order_acquire);
  if (H.Serial.load(std::memory_order_relaxed) != Serial)
    return false;

  // The stored frames, outermost first; frames past MaxFrames are counted
  // only, as the shadow stack does.
  std::vector<SiteId> Frames = Depot.callSites(Start.Stack);
  std::reverse(Frames.begin(), Frames.end());
  uint64_t Depth = std::max<uint64_t>(Start.Depth, Frames.size());
  uint32_t Held = Start.Lockset;
  Clock Now = Start.Epoch;
  auto Pop = [&] {
    if (Depth == 0)
      return;
    if (Depth <= Frames.size())
      Frames.pop_back();
    --Depth;
  };
  constexpr uint64_t GranuleMask = (uint64_t(1) << GranuleBits) - 1;
  uint64_t Target = (Addr >> 3) & GranuleMask;
  SiteId WantedSite = Site & ((1u << SiteBits) - 1);
  for (size_t I = 0; I < Events.size(); ++I) {
    uint64_t E = Events[I];
    switch (E & 3) {
    case Entry:
      if (Depth < MaxFrames && Depth == Frames.size())
        Frames.push_back(SiteId(E >> 2));
      ++Depth;
      break;
    case Exit:
      Pop();
      break;
    case Control: {
      uint64_t Payload = E >> 8;
      switch ((E >> 2) & 0x3f) {
      case EpochChange:
        Now = Payload;
        break;
      case LocksetChange:
        Held = uint32_t(Payload);
        break;
      case DropTo:
        while (Depth > Payload)
          Pop();
        break;
      case Restart:
        Frames.clear();
        Depth = 0;
        Held = 0;
        break;
      default:
        break;
      }
      break;
    }
    case Access: {
      if (Now != Epoch ||
          SiteId((E >> 2) & ((1u << SiteBits) - 1)) != WantedSite)
        break;
      uint64_t Granule = E >> (2 + SiteBits);
      uint64_t Granules = 1;
      if (I + 1 < Events.size() && (Events[I + 1] & 3) == Control &&
          ((Events[I + 1] >> 2) & 0x3f) == Length)
        Granules = Events[I + 1] >> 8;
      if (((Target - Granule) & GranuleMask) >= Granules)
        break;
      StackId Id = 0;
      for (SiteId Call : Frames)
        Id = Depot.intern(Id, Call);
      Stack = Id;
      Lockset = Held;
      return true;
    }
    }
  }
  return false;
}

} // namespace racegate
