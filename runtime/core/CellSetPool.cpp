//===- CellSetPool.cpp ----------------------------------------------------===//
#include "CellSetPool.h"
#include "LazyMemory.h"

#include <new>

namespace racegate {

CellSetPool::~CellSetPool() {
  while (ChunkHeader *C = LastChunk) {
    LastChunk = C->Previous;
    unmapRaw(C, C->Bytes);
  }
}

char *CellSetPool::mapChunk(size_t Bytes) {
  size_t Chunk = sizeof(ChunkHeader) + Bytes;
  if (Chunk < ChunkBytes)
    Chunk = ChunkBytes;
  char *Fresh = mapLazyArray<char>(Chunk);
  if (!Fresh)
    return nullptr;
  auto *Header = reinterpret_cast<ChunkHeader *>(Fresh);
  Header->Bytes = Chunk;
  SpinGuard Guard(ChunksLock);
  Header->Previous = LastChunk;
  LastChunk = Header;
  return Fresh;
}

unsigned CellSetPool::carve(unsigned Class, unsigned Count, CellSet **Into) {
  // Records are carved back to back after a chunk's header; a shadow word
  // tells a record's pointer from a packed pair by its low three bits.
  static_assert(sizeof(ChunkHeader) % 8 == 0 &&
                    CellSet::bytes(MinLog2Capacity) % 8 == 0,
                "CellSet pointers must be 8-byte aligned");
  SizeClass &C = Classes[Class];
  size_t Bytes = CellSet::bytes(Class);
  unsigned Taken = 0;
  for (; Taken < Count; ++Taken) {
    CellSet *Set;
    if (C.Free) {
      Set = C.Free;
      C.Free = nextFree(Set);
    } else {
      if (size_t(C.End - C.Next) < Bytes) {
        char *Fresh = mapChunk(Bytes);
        if (!Fresh)
          break;
        C.Next = Fresh + sizeof(ChunkHeader);
        C.End = Fresh + reinterpret_cast<ChunkHeader *>(Fresh)->Bytes;
      }
      Set = new (C.Next) CellSet();
      Set->Log2Capacity = uint8_t(Class);
      C.Next += Bytes;
    }
    Into[Taken] = Set;
  }
  HandedOut.fetch_add(Taken, std::memory_order_relaxed);
  return Taken;
}

Magazine *CellSetPool::emptyMagazine() {
  SpinGuard Guard(MagazinesLock);
  Magazine *M = EmptyMagazines;
  if (M) {
    EmptyMagazines = M->Next;
  } else {
    if (size_t(MagazineEnd - MagazineNext) < sizeof(Magazine)) {
      char *Fresh = mapChunk(sizeof(Magazine));
      if (!Fresh)
        return nullptr;
      MagazineNext = Fresh + sizeof(ChunkHeader);
      MagazineEnd = Fresh + reinterpret_cast<ChunkHeader *>(Fresh)->Bytes;
    }
    M = reinterpret_cast<Magazine *>(MagazineNext);
    MagazineNext += sizeof(Magazine);
  }
  M->Next = nullptr;
  M->Count = 0;
  return M;
}

void CellSetPool::returnMagazine(unsigned Class, Magazine *M) {
  if (!M)
    return;
  SizeClass &C = Classes[Class];
  if (M->Count == Magazine::Capacity) {
    SpinGuard Guard(C.Lock);
    if (C.FullCount < MaxFullMagazines) {
      M->Next = C.Full;
      C.Full = M;
      ++C.FullCount;
      HandedOut.fetch_sub(M->Count, std::memory_order_relaxed);
      return;
    }
  }
  // Threads that give back far more than they take (a grid's records
  // collapse in one sweep) would pile up magazines: past a few, their
  // records go on the list and the magazine is reused.
  if (M->Count > 0) {
    SpinGuard Guard(C.Lock);
    for (unsigned I = 0; I < M->Count; ++I) {
      linkFree(M->Items[I], C.Free);
      C.Free = M->Items[I];
    }
    HandedOut.fetch_sub(M->Count, std::memory_order_relaxed);
    M->Count = 0;
  }
  SpinGuard Guard(MagazinesLock);
  M->Next = EmptyMagazines;
  EmptyMagazines = M;
}

void CellSetPool::prepare(CellSet *Set, unsigned Log2Capacity,
                          uintptr_t Granule) {
  // The lock byte is left alone: a thread that still held a stale pointer
  // may hold the lock, only to find the record is not its granule's, and
  // the next owner must wait for it like everyone else.
  Set->Log2Capacity = uint8_t(Log2Capacity);
  Set->Count = 0;
  Set->Version.fetch_add(1, std::memory_order_acq_rel);
  Set->Granule.store(Granule, std::memory_order_relaxed);
}

CellSet *CellSetPool::takeCached(unsigned Class, CellSetCache &Cache) {
  unsigned Own = Class - MinLog2Capacity;
  Magazine *&Loaded = Cache.Loaded[Own];
  Magazine *&Previous = Cache.Previous[Own];
  if (!Loaded || Loaded->Count == 0) {
    if (Previous && Previous->Count > 0) {
      std::swap(Loaded, Previous);
    } else {
      SizeClass &C = Classes[Class];
      Magazine *Full = nullptr;
      {
        SpinGuard Guard(C.Lock);
        if ((Full = C.Full)) {
          C.Full = Full->Next;
          --C.FullCount;
          HandedOut.fetch_add(Full->Count, std::memory_order_relaxed);
        }
      }
      if (Full) {
        returnMagazine(Class, Loaded);
        Loaded = Full;
      } else {
        if (!Loaded && !(Loaded = emptyMagazine()))
          return nullptr;
        SpinGuard Guard(C.Lock);
        Loaded->Count = carve(Class, Magazine::Capacity, Loaded->Items);
        if (Loaded->Count == 0)
          return nullptr;
      }
    }
  }
  return Loaded->Items[--Loaded->Count];
}

void CellSetPool::giveCached(CellSet *Set, CellSetCache &Cache) {
  unsigned Class = Set->Log2Capacity;
  unsigned Own = Class - MinLog2Capacity;
  Magazine *&Loaded = Cache.Loaded[Own];
  Magazine *&Previous = Cache.Previous[Own];
  if (!Loaded || Loaded->Count == Magazine::Capacity) {
    if (Loaded && Previous && Previous->Count == 0) {
      std::swap(Loaded, Previous);
    } else {
      Magazine *Empty = emptyMagazine();
      if (!Empty) {
        SizeClass &C = Classes[Class];
        SpinGuard Guard(C.Lock);
        linkFree(Set, C.Free);
        C.Free = Set;
        HandedOut.fetch_sub(1, std::memory_order_relaxed);
        return;
      }
      // A full Loaded becomes Previous, which is full or empty again.
      if (Loaded) {
        returnMagazine(Class, Previous);
        Previous = Loaded;
      }
      Loaded = Empty;
    }
  }
  Loaded->Items[Loaded->Count++] = Set;
}

CellSet *CellSetPool::take(unsigned Log2Capacity, uintptr_t Granule,
                           CellSetCache *Cache) {
  if (Log2Capacity < MinLog2Capacity)
    Log2Capacity = MinLog2Capacity;
  if (Log2Capacity > MaxLog2Capacity)
    return nullptr;
  CellSet *Set = nullptr;
  if (Cache && Log2Capacity - MinLog2Capacity < CellSetCache::Classes) {
    Set = takeCached(Log2Capacity, *Cache);
  } else {
    SpinGuard Guard(Classes[Log2Capacity].Lock);
    carve(Log2Capacity, 1, &Set);
  }
  if (Set)
    prepare(Set, Log2Capacity, Granule);
  return Set;
}

void CellSetPool::give(CellSet *Set, CellSetCache *Cache) {
  Set->Version.fetch_add(1, std::memory_order_acq_rel);
  Set->Granule.store(0, std::memory_order_relaxed);
  unsigned Class = Set->Log2Capacity;
  if (Cache && Class - MinLog2Capacity < CellSetCache::Classes)
    return giveCached(Set, *Cache);
  SizeClass &C = Classes[Class];
  SpinGuard Guard(C.Lock);
  linkFree(Set, C.Free);
  C.Free = Set;
  HandedOut.fetch_sub(1, std::memory_order_relaxed);
}

void CellSetPool::flush(CellSetCache &Cache) {
  for (unsigned Own = 0; Own < CellSetCache::Classes; ++Own) {
    returnMagazine(Own + MinLog2Capacity, Cache.Loaded[Own]);
    returnMagazine(Own + MinLog2Capacity, Cache.Previous[Own]);
    Cache.Loaded[Own] = Cache.Previous[Own] = nullptr;
  }
}

} // namespace racegate
