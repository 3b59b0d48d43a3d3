//===- AccessPlanner.cpp --------------------------------------------------===//
#include "AccessPlanner.h"
#include "LlvmCompat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

using namespace llvm;

namespace racegate {

bool isRuntimeName(StringRef Name) {
  return compat::startsWith(Name, "__racegate_") ||
         compat::startsWith(Name, "llvm.");
}

void InstrumentationStats::printIfAsked(StringRef ModuleName) const {
  if (!std::getenv("RACEGATE_STATS"))
    return;
  errs() << "racegate-stats: " << ModuleName << ": hooked " << Hooked
         << ", vptr " << VptrHooked << ", range checks " << RangeChecks
         << " (for " << InLoopRanges << " accesses in loops); pruned: "
         << NotShared << " not shared, " << ConstantData << " constant, "
         << ReadBeforeWrite << " read before write, " << Repeated
         << " repeated\n";
}

DenseSet<const GlobalVariable *> findNeverWrittenGlobals(Module &M) {
  DenseSet<const GlobalVariable *> Result;
  for (GlobalVariable &G : M.globals()) {
    // Only a module-local definition has all its users in this module; an
    // externally initialized one is written by someone we cannot see.
    if (G.isDeclaration() || !G.hasLocalLinkage() || G.isConstant() ||
        G.isExternallyInitialized() || isRuntimeName(G.getName()))
      continue;
    // Every use must be a load through the address or an address
    // computation that leads only to loads: no store, no call, no copy of
    // the pointer anywhere. Then the initializer is the only value the
    // memory ever holds, and a read cannot race with anything. (Stores in
    // constructors are not allowed: another translation unit's constructor
    // may already have started a thread that reads the variable.)
    SmallVector<const User *, 16> Work(G.user_begin(), G.user_end());
    SmallPtrSet<const User *, 16> Seen;
    bool OnlyRead = true;
    while (OnlyRead && !Work.empty()) {
      const User *U = Work.pop_back_val();
      if (!Seen.insert(U).second)
        continue;
      if (isa<LoadInst>(U) || isa<ICmpInst>(U)) {
        if (auto *L = dyn_cast<LoadInst>(U); L && L->isVolatile())
          OnlyRead = false;
        continue;
      }
      if (isa<GEPOperator>(U) || isa<BitCastOperator>(U) ||
          isa<AddrSpaceCastOperator>(U)) {
        Work.append(U->user_begin(), U->user_end());
        continue;
      }
      OnlyRead = false;
    }
    if (OnlyRead)
      Result.insert(&G);
  }
  return Result;
}

namespace {

bool isVtableAccess(const Instruction &I) {
  if (MDNode *Tag = I.getMetadata(LLVMContext::MD_tbaa))
    return Tag->isTBAAVtableAccess();
  return false;
}

/// Allocation functions whose result is a block no one else has a pointer
/// to yet.
bool isFreshAllocation(const Value *V) {
  const auto *Call = dyn_cast<CallBase>(V);
  if (!Call || !Call->getCalledFunction())
    return false;
  StringRef Name = Call->getCalledFunction()->getName();
  return Name == "malloc" || Name == "calloc" || Name == "aligned_alloc" ||
         Name == "_Znwm" || Name == "_Znam" || Name == "_ZnwmRKSt9nothrow_t" ||
         Name == "_ZnamRKSt9nothrow_t" || Name == "_ZnwmSt11align_val_t" ||
         Name == "_ZnamSt11align_val_t";
}

/// Instructions after which the thread's view of time may have changed, or
/// that may run code we do not see: calls (other than debug and lifetime
/// markers), atomics and fences.
bool isSyncPoint(const Instruction &I) {
  if (isa<DbgInfoIntrinsic>(I))
    return false;
  if (const auto *II = dyn_cast<IntrinsicInst>(&I))
    if (II->getIntrinsicID() == Intrinsic::lifetime_start ||
        II->getIntrinsicID() == Intrinsic::lifetime_end ||
        II->getIntrinsicID() == Intrinsic::assume)
      return false;
  // A call that touches no memory, cannot unwind and returns (fmuladd,
  // sqrt, min and the other math a vectorized loop is full of) orders
  // nothing and cannot leave a loop early.
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return !(Call->doesNotAccessMemory() && Call->doesNotThrow() &&
             Call->hasFnAttr(Attribute::WillReturn));
  if (isa<FenceInst>(I) || isa<AtomicRMWInst>(I) ||
      isa<AtomicCmpXchgInst>(I))
    return true;
  if (const auto *L = dyn_cast<LoadInst>(&I))
    return L->isAtomic();
  if (const auto *S = dyn_cast<StoreInst>(&I))
    return S->isAtomic();
  return false;
}

struct AccessInfo {
  Instruction *I;
  Value *Ptr;
  uint64_t Bytes;
  bool IsWrite;
};

enum class Fate { Hook, Vptr, NotShared, Constant, ReadBeforeWrite, Repeated };

class Planner {
public:
  Planner(Function &F, const DenseSet<const GlobalVariable *> &NeverWritten,
          FunctionAnalysisManager &FAM, InstrumentationStats &Stats)
      : F(F), NeverWritten(NeverWritten), FAM(FAM), Stats(Stats),
        DL(F.getParent()->getDataLayout()) {}

  AccessPlan run(ArrayRef<Instruction *> Accesses) {
    for (Instruction *I : Accesses)
      if (auto Info = describe(*I)) {
        Index[I] = Infos.size();
        Infos.push_back(*Info);
        Fates.push_back(staticFate(*Info));
      }
    pruneWithinBlocks();
    DenseSet<Instruction *> InRange;
    if (!F.hasOptNone())
      planLoopRanges(InRange);

    AccessPlan Plan;
    Plan.Ranges = std::move(Ranges);
    for (size_t K = 0; K < Infos.size(); ++K) {
      Instruction *I = Infos[K].I;
      switch (Fates[K]) {
      case Fate::Hook:
        if (!InRange.count(I)) {
          Plan.Hooked.push_back(I);
          ++Stats.Hooked;
        }
        break;
      case Fate::Vptr:
        (Infos[K].IsWrite ? Plan.VptrStores : Plan.VptrLoads).push_back(I);
        ++Stats.VptrHooked;
        break;
      case Fate::NotShared:
        ++Stats.NotShared;
        break;
      case Fate::Constant:
        ++Stats.ConstantData;
        break;
      case Fate::ReadBeforeWrite:
        ++Stats.ReadBeforeWrite;
        break;
      case Fate::Repeated:
        ++Stats.Repeated;
        break;
      }
    }
    return Plan;
  }

private:
  /// compat::mayBeCaptured, once per object: every access of a local array
  /// asks about the same alloca, and each walk visits all of its uses.
  bool mayBeCaptured(const Value *Object) {
    // Enough for the unrolled loops over local arrays seen in practice, and
    // still a bound on the walk in a function with huge use lists.
    constexpr unsigned MaxUses = 4096;
    auto [It, Inserted] = Captured.try_emplace(Object, false);
    if (Inserted)
      It->second = compat::mayBeCaptured(Object, MaxUses);
    return It->second;
  }

  std::optional<AccessInfo> describe(Instruction &I) {
    bool IsWrite = isa<StoreInst>(I);
    Value *Ptr = getLoadStorePointerOperand(&I);
    Type *Ty = IsWrite ? cast<StoreInst>(I).getValueOperand()->getType()
                       : I.getType();
    if (!Ptr || Ptr->getType()->getPointerAddressSpace() != 0 ||
        isa<ScalableVectorType>(Ty))
      return std::nullopt;
    uint64_t Bytes = compat::fixedBytes(DL.getTypeStoreSize(Ty));
    if (Bytes == 0)
      return std::nullopt;
    return AccessInfo{&I, Ptr, Bytes, IsWrite};
  }

  Fate staticFate(const AccessInfo &A) {
    Value *Base = getUnderlyingObject(A.Ptr);
    if (auto *G = dyn_cast<GlobalVariable>(Base)) {
      // The runtime's own variables are its business.
      if (isRuntimeName(G->getName()))
        return Fate::NotShared;
      // Nothing writes constant memory (a write would be undefined), and
      // the never-written globals hold their initializer for the whole run:
      // a read of either has no write to race with. Thread-local variables
      // are instrumented like any other: their address can reach other
      // threads.
      if (G->isConstant() || (!A.IsWrite && NeverWritten.count(G)))
        return Fate::Constant;
    }
    // A stack slot or a fresh heap block whose address is never captured
    // (not stored anywhere, not passed to a call that may keep it, not
    // returned) is reachable only through this function's own copies of
    // the pointer, so only by this thread, for the block's whole life.
    // (A block captured later, even after the access, stays instrumented:
    // a thread that receives the pointer without synchronizing, through a
    // relaxed atomic say, would race with accesses made before the
    // hand-over, and the runtime records no write for the allocation that
    // could stand for them.)
    if ((isa<AllocaInst>(Base) || isFreshAllocation(Base)) &&
        !mayBeCaptured(Base))
      return Fate::NotShared;
    // The slots of a vtable are written only by the loader: loads through
    // a loaded vtable pointer read constant data.
    if (auto *VtableLoad = dyn_cast<LoadInst>(Base);
        VtableLoad && !A.IsWrite && isVtableAccess(*VtableLoad))
      return Fate::Constant;
    if (isVtableAccess(*A.I))
      return Fate::Vptr;
    return Fate::Hook;
  }

  /// Accesses that may reach the shared state a previous or following one
  /// of the same block already records. Within a stretch of a block free of
  /// sync points (isSyncPoint) the thread's clock does not move, so two
  /// accesses there carry the same time: another thread's access is
  /// unordered with one exactly when it is unordered with the other, and
  /// the runtime needs to see only the stronger of the two.
  void pruneWithinBlocks() {
    for (BasicBlock &BB : F) {
      SmallVector<size_t, 16> Stretch;
      for (Instruction &I : BB) {
        if (isSyncPoint(I)) {
          pruneStretch(Stretch);
          Stretch.clear();
          continue;
        }
        if (auto It = Index.find(&I); It != Index.end())
          Stretch.push_back(It->second);
      }
      pruneStretch(Stretch);
    }
  }

  bool takesPartInBlockRules(size_t K) const {
    // A vptr store may record nothing (when it stores the value already
    // there), so it cannot stand for another access; it is kept as it is.
    if (Fates[K] == Fate::Vptr && Infos[K].IsWrite)
      return false;
    return Fates[K] == Fate::Hook || Fates[K] == Fate::Vptr;
  }

  void pruneStretch(ArrayRef<size_t> Stretch) {
    // Read before write (as ThreadSanitizer does): a load followed, in the
    // same stretch, by a store of at least its bytes at the same address is
    // covered by the store, since any access racing with a read races
    // with a write of the same bytes at the same time. The store executes
    // whenever the load does: nothing in between can leave the block.
    DenseMap<Value *, uint64_t> LaterWrite;
    for (size_t K : llvm::reverse(Stretch)) {
      if (!takesPartInBlockRules(K))
        continue;
      const AccessInfo &A = Infos[K];
      Value *Addr = A.Ptr->stripPointerCasts();
      if (A.IsWrite) {
        uint64_t &Bytes = LaterWrite[Addr];
        Bytes = std::max(Bytes, A.Bytes);
      } else if (auto It = LaterWrite.find(Addr);
                 It != LaterWrite.end() && It->second >= A.Bytes) {
        Fates[K] = Fate::ReadBeforeWrite;
      }
    }
    // Repeated accesses: a read after a read or write of at least its
    // bytes at the same address, or a write after a write of at least its
    // bytes, adds nothing the first one did not record at the same time.
    // (An access pruned above still counts as recorded here: the access
    // that covers it is in the same stretch.)
    DenseMap<Value *, std::pair<uint64_t, uint64_t>> Earlier; // read, write
    for (size_t K : Stretch) {
      if (!takesPartInBlockRules(K) && Fates[K] != Fate::ReadBeforeWrite)
        continue;
      const AccessInfo &A = Infos[K];
      auto &[ReadBytes, WriteBytes] = Earlier[A.Ptr->stripPointerCasts()];
      bool Covered = A.IsWrite ? WriteBytes >= A.Bytes
                               : std::max(ReadBytes, WriteBytes) >= A.Bytes;
      if (Covered && Fates[K] != Fate::ReadBeforeWrite)
        Fates[K] = Fate::Repeated;
      (A.IsWrite ? WriteBytes : ReadBytes) =
          std::max(A.IsWrite ? WriteBytes : ReadBytes, A.Bytes);
    }
  }

  /// Loops whose accesses walk memory with a fixed stride: one range check
  /// before the loop records what the loop will touch.
  void planLoopRanges(DenseSet<Instruction *> &InRange) {
    auto &LI = FAM.getResult<LoopAnalysis>(F);
    auto &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
    auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
    compat::Expander Expander(SE, DL, "racegate.range");
    Type *I64 = Type::getInt64Ty(F.getContext());
    for (Loop *L : LI.getLoopsInPreorder()) {
      BasicBlock *Preheader = L->getLoopPreheader();
      BasicBlock *Latch = L->getLoopLatch();
      // The shape that makes the count exact: entered from one preheader,
      // left only at the latch, so once the loop is entered every block
      // dominating the latch runs once per iteration, backedge-taken count
      // plus one times.
      if (!L->isInnermost() || !Preheader || !Latch ||
          L->getExitingBlock() != Latch || !L->getExitBlock())
        continue;
      // No sync point in the loop: the thread's clock is the same during
      // the whole loop as just before it, so recording every access there
      // is the same as recording each when it happens. (No call also means
      // the loop cannot leave early by unwinding.)
      bool HasSyncPoint = false;
      for (BasicBlock *BB : L->blocks())
        for (Instruction &I : *BB)
          HasSyncPoint |= isSyncPoint(I);
      if (HasSyncPoint)
        continue;
      const SCEV *Taken = SE.getBackedgeTakenCount(L);
      if (isa<SCEVCouldNotCompute>(Taken))
        continue;
      const SCEV *Trips = SE.getTruncateOrZeroExtend(Taken, I64);
      // The accesses that step through memory by a fixed stride, grouped
      // by stride, direction of access and base: an unrolled or vectorized
      // loop touches one array through several accesses per iteration, at
      // constant offsets from one another.
      SmallVector<StridedGroup, 4> Groups;
      for (BasicBlock *BB : L->blocks()) {
        if (!DT.dominates(BB, Latch))
          continue;
        for (Instruction &I : *BB) {
          auto It = Index.find(&I);
          if (It == Index.end() || Fates[It->second] != Fate::Hook)
            continue;
          const AccessInfo &A = Infos[It->second];
          auto *Rec = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(A.Ptr));
          if (!Rec || Rec->getLoop() != L || !Rec->isAffine())
            continue;
          auto *Step = dyn_cast<SCEVConstant>(Rec->getStepRecurrence(SE));
          if (!Step || !Step->getAPInt().isSignedIntN(48))
            continue;
          int64_t Stride = Step->getAPInt().getSExtValue();
          if (Stride == 0)
            continue;
          addToGroup(Groups, SE, A, Rec->getStart(), Stride);
        }
      }
      Instruction *At = Preheader->getTerminator();
      for (StridedGroup &G : Groups)
        for (const StridedGroup &Part : contiguousParts(G))
          expandRange(Part, Trips, At, SE, Expander, InRange);
    }
  }

  struct StridedMember {
    const AccessInfo *Access;
    int64_t Offset; // from the group's base, in bytes
  };
  /// Accesses of one loop with the same stride and kind whose start
  /// addresses differ by constants.
  struct StridedGroup {
    const SCEV *Base;
    int64_t Stride;
    bool IsWrite;
    SmallVector<StridedMember, 4> Members;
  };

  static void addToGroup(SmallVectorImpl<StridedGroup> &Groups,
                         ScalarEvolution &SE, const AccessInfo &A,
                         const SCEV *Start, int64_t Stride) {
    for (StridedGroup &G : Groups) {
      if (G.Stride != Stride || G.IsWrite != A.IsWrite ||
          SE.getEffectiveSCEVType(G.Base->getType()) !=
              SE.getEffectiveSCEVType(Start->getType()))
        continue;
      auto *Delta = dyn_cast<SCEVConstant>(SE.getMinusSCEV(Start, G.Base));
      if (!Delta || !Delta->getAPInt().isSignedIntN(48))
        continue;
      G.Members.push_back({&A, Delta->getAPInt().getSExtValue()});
      return;
    }
    Groups.push_back({Start, Stride, A.IsWrite, {{&A, 0}}});
  }

  /// The group itself if, together, its accesses touch every byte of one
  /// stride (so that over all iterations they touch one run of bytes and
  /// nothing between); otherwise each access that does so alone. A range
  /// check over bytes the loop skips could report a race on memory the
  /// loop never touched (and that another thread may own).
  static SmallVector<StridedGroup, 4> contiguousParts(StridedGroup &G) {
    uint64_t Magnitude =
        G.Stride < 0 ? -uint64_t(G.Stride) : uint64_t(G.Stride);
    auto Covers = [&](ArrayRef<StridedMember> Members) {
      SmallVector<StridedMember, 4> Sorted(Members.begin(), Members.end());
      std::sort(Sorted.begin(), Sorted.end(),
                [](const StridedMember &X, const StridedMember &Y) {
                  return X.Offset < Y.Offset;
                });
      int64_t Low = Sorted.front().Offset, High = Low;
      for (const StridedMember &M : Sorted) {
        if (M.Offset > High)
          return false; // a gap
        High = std::max<int64_t>(High, M.Offset + int64_t(M.Access->Bytes));
      }
      return uint64_t(High - Low) >= Magnitude;
    };
    SmallVector<StridedGroup, 4> Parts;
    if (Covers(G.Members)) {
      Parts.push_back(G);
      return Parts;
    }
    for (const StridedMember &M : G.Members)
      if (Covers(M))
        Parts.push_back({G.Base, G.Stride, G.IsWrite, {M}});
    return Parts;
  }

  /// One check before the loop of all the bytes \p G touches in \p Trips
  /// plus one iterations, standing for every access of the group.
  void expandRange(const StridedGroup &G, const SCEV *Trips, Instruction *At,
                   ScalarEvolution &SE, compat::Expander &Expander,
                   DenseSet<Instruction *> &InRange) {
    Type *I64 = Type::getInt64Ty(F.getContext());
    int64_t Low = G.Members.front().Offset, High = Low;
    const AccessInfo *First = G.Members.front().Access;
    for (const StridedMember &M : G.Members) {
      if (M.Offset < Low) {
        Low = M.Offset;
        First = M.Access;
      }
      High = std::max<int64_t>(High, M.Offset + int64_t(M.Access->Bytes));
    }
    uint64_t Magnitude =
        G.Stride < 0 ? -uint64_t(G.Stride) : uint64_t(G.Stride);
    // The lowest byte: the first iteration's for a forward walk, the last
    // one's for a backward walk.
    const SCEV *Start =
        SE.getAddExpr(G.Base, SE.getConstant(I64, Low, /*isSigned=*/true));
    const SCEV *LowAddr =
        G.Stride > 0
            ? Start
            : SE.getAddExpr(Start, SE.getMulExpr(Trips, SE.getConstant(
                                                            I64, G.Stride,
                                                            /*isSigned=*/true)));
    const SCEV *Length = SE.getAddExpr(
        SE.getMulExpr(Trips, SE.getConstant(I64, Magnitude)),
        SE.getConstant(I64, uint64_t(High - Low)));
    if (!compat::isSafeToExpandAt(Expander, LowAddr, At, SE) ||
        !compat::isSafeToExpandAt(Expander, Length, At, SE))
      return;
    Value *LowV =
        Expander.expandCodeFor(LowAddr, compat::bytePtrTy(F.getContext()), At);
    Value *LengthV = Expander.expandCodeFor(Length, I64, At);
    Ranges.push_back({First->I, G.IsWrite, At, LowV, LengthV});
    ++Stats.RangeChecks;
    for (const StridedMember &M : G.Members) {
      InRange.insert(M.Access->I);
      ++Stats.InLoopRanges;
    }
  }

  Function &F;
  const DenseSet<const GlobalVariable *> &NeverWritten;
  FunctionAnalysisManager &FAM;
  InstrumentationStats &Stats;
  const DataLayout &DL;
  SmallVector<AccessInfo, 32> Infos;
  SmallVector<Fate, 32> Fates;
  DenseMap<Instruction *, size_t> Index;
  SmallVector<RangeCheck, 4> Ranges;
  DenseMap<const Value *, bool> Captured;
};

} // namespace

AccessPlan
planAccesses(Function &F, ArrayRef<Instruction *> Accesses,
             const DenseSet<const GlobalVariable *> &NeverWritten,
             FunctionAnalysisManager &FAM, InstrumentationStats &Stats) {
  return Planner(F, NeverWritten, FAM, Stats).run(Accesses);
}

} // namespace racegate
