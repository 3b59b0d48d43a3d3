//===- LibcEvents.cpp - detector events of the libc interceptors ----------===//
#include "LibcEvents.h"
#include "LockProtocol.h"

#include <atomic>
#include <sys/stat.h>

using namespace racegate;
using namespace racegate::shim;

namespace {

constexpr int MaxFds = 4096;
constexpr unsigned FileSlots = 1024;

/// The bytes a descriptor's uses read and its close writes: real memory of
/// the runtime, so the shadow tracks it like any other.
char DescriptorBytes[MaxFds];

/// One sync object per open file (device and inode), named by the address
/// of its slot here; every socket shares one, since the two ends of a
/// connection are different files.
std::atomic<uint64_t> FileIds[FileSlots];
char SocketSync;
/// The sync object of each descriptor, found on its first use; 0: unknown.
std::atomic<uintptr_t> DescriptorSync[MaxFds];

uintptr_t slotFor(uint64_t Id) {
  // Id 0 marks a free slot.
  Id = Id ? Id : 1;
  unsigned Start = unsigned((Id * 0x9E3779B97F4A7C15ull) >> 54) % FileSlots;
  for (unsigned Probe = 0; Probe < FileSlots; ++Probe) {
    std::atomic<uint64_t> &Slot = FileIds[(Start + Probe) % FileSlots];
    uint64_t Seen = Slot.load(std::memory_order_acquire);
    if (Seen == 0 && Slot.compare_exchange_strong(Seen, Id))
      return reinterpret_cast<uintptr_t>(&Slot);
    if (Seen == Id)
      return reinterpret_cast<uintptr_t>(&Slot);
  }
  // Full: the files share the last slot, which only adds order.
  return reinterpret_cast<uintptr_t>(&FileIds[FileSlots - 1]);
}

uintptr_t syncOf(int Fd) {
  if (Fd < 0 || Fd >= MaxFds)
    return 0;
  uintptr_t Sync = DescriptorSync[Fd].load(std::memory_order_acquire);
  if (Sync)
    return Sync;
  struct stat St;
  if (fstat(Fd, &St) != 0)
    return 0;
  Sync = S_ISSOCK(St.st_mode)
             ? reinterpret_cast<uintptr_t>(&SocketSync)
             : slotFor((uint64_t(St.st_dev) << 40) ^ uint64_t(St.st_ino));
  DescriptorSync[Fd].store(Sync, std::memory_order_release);
  return Sync;
}

} // namespace

namespace racegate::shim::libc {

bool tracked() { return activeThread() != nullptr; }

void readRange(const void *Addr, size_t Size, uint32_t Site) {
  if (ThreadState *T = activeThread(); T && Size)
    TheDetector->access(*T, reinterpret_cast<uintptr_t>(Addr), Size, false,
                        /*Atomic=*/false, Site);
}

void writeRange(const void *Addr, size_t Size, uint32_t Site) {
  if (ThreadState *T = activeThread(); T && Size)
    TheDetector->access(*T, reinterpret_cast<uintptr_t>(Addr), Size, true,
                        /*Atomic=*/false, Site);
}

void fdUsed(int Fd, uint32_t Site) {
  ThreadState *T = activeThread();
  if (!T || Fd < 0 || Fd >= MaxFds)
    return;
  // The first use since the number was closed names a new file, made by a
  // call not seen here (open, socket, pipe, fopen...): the close that
  // freed the number does not race with it.
  if (!DescriptorSync[Fd].load(std::memory_order_acquire)) {
    {
      RuntimeScope Busy(*T);
      TheDetector->shadow().reset(
          reinterpret_cast<uintptr_t>(&DescriptorBytes[Fd]), 1);
    }
    syncOf(Fd);
  }
  TheDetector->access(*T, reinterpret_cast<uintptr_t>(&DescriptorBytes[Fd]),
                      1, false, false, Site);
}

void fdClosed(int Fd, uint32_t Site) {
  ThreadState *T = activeThread();
  if (!T || Fd < 0 || Fd >= MaxFds)
    return;
  TheDetector->access(*T, reinterpret_cast<uintptr_t>(&DescriptorBytes[Fd]),
                      1, true, false, Site);
  DescriptorSync[Fd].store(0, std::memory_order_release);
}

void fdReleased(int Fd) {
  if (ThreadState *T = activeThread())
    if (uintptr_t Sync = syncOf(Fd))
      TheDetector->release(*T, Sync);
}

void fdAcquired(int Fd) {
  if (ThreadState *T = activeThread())
    if (uintptr_t Sync = syncOf(Fd))
      TheDetector->acquire(*T, Sync);
}

void fdCopied(int From, int To) {
  if (To < 0 || To >= MaxFds || !activeThread())
    return;
  DescriptorSync[To].store(0, std::memory_order_release);
  if (uintptr_t Sync = syncOf(From))
    DescriptorSync[To].store(Sync, std::memory_order_release);
}

void fileLock(void *File, uint32_t Site, void (*Lock)(void *),
              int (*TryLock)(void *)) {
  acquireLock(
      File, Site, true, Detector::Relock::Recursive, false,
      [&] { return TryLock(File) == 0 ? 0 : EBUSY; },
      [&] {
        Lock(File);
        return 0;
      });
}

int fileTryLock(void *File, uint32_t Site, int (*TryLock)(void *)) {
  int Status = 0;
  tryAcquireLock(File, Site, true, [&] {
    Status = TryLock(File);
    return Status == 0 ? 0 : EBUSY;
  });
  return Status;
}

void fileUnlocked(void *File, uint32_t Site) { releaseLock(File, Site); }

} // namespace racegate::shim::libc
