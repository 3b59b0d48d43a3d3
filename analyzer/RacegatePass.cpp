//===- RacegatePass.cpp ---------------------------------------------------===//
#include "RacegatePass.h"
#include "AccessPlanner.h"
#include "LlvmCompat.h"
#include "SiteTable.h"
#include "racegate/RuntimeAbi.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace racegate {
namespace {

constexpr unsigned FixedSizes[] = {1, 2, 4, 8, 16};

uint32_t orderFlags(AtomicOrdering Order) {
  switch (Order) {
  case AtomicOrdering::Acquire:
    return abi::OrderAcquire;
  case AtomicOrdering::Release:
    return abi::OrderRelease;
  case AtomicOrdering::AcquireRelease:
    return abi::OrderAcqRel;
  case AtomicOrdering::SequentiallyConsistent:
    return abi::OrderSeqCst;
  default:
    return abi::OrderRelaxed;
  }
}

/// The runtime entry points, declared once per module.
struct RuntimeCallees {
  FunctionCallee Read[5], Write[5];
  FunctionCallee ReadRange, WriteRange;
  FunctionCallee VptrRead, VptrUpdate;
  FunctionCallee FuncEntry, FuncExit;
  FunctionCallee AtomicBegin, AtomicEnd, Fence;
  GlobalVariable *CallSite = nullptr;

  explicit RuntimeCallees(Module &M) {
    LLVMContext &Ctx = M.getContext();
    IRBuilder<> B(Ctx);
    Type *Void = B.getVoidTy(), *Ptr = compat::bytePtrTy(Ctx);
    Type *I32 = B.getInt32Ty(), *I64 = B.getInt64Ty();
    // No hook ever throws. Without nounwind, the cleanup that pops the
    // shadow stack on unwinding would turn every hook call into an invoke
    // with a landing pad.
    AttributeList NoUnwind =
        AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
    for (unsigned I = 0; I < 5; ++I) {
      std::string N = std::to_string(FixedSizes[I]);
      Read[I] = M.getOrInsertFunction(("__racegate_read" + N), NoUnwind, Void,
                                      Ptr, I32);
      Write[I] = M.getOrInsertFunction(("__racegate_write" + N), NoUnwind, Void,
                                       Ptr, I32);
    }
    ReadRange = M.getOrInsertFunction("__racegate_read_range", NoUnwind, Void,
                                      Ptr, I64, I32);
    WriteRange = M.getOrInsertFunction("__racegate_write_range", NoUnwind, Void,
                                       Ptr, I64, I32);
    VptrRead =
        M.getOrInsertFunction("__racegate_vptr_read", NoUnwind, Void, Ptr, I32);
    VptrUpdate = M.getOrInsertFunction("__racegate_vptr_update", NoUnwind, Void,
                                       Ptr, Ptr, I32);
    FuncEntry =
        M.getOrInsertFunction("__racegate_func_entry", NoUnwind, Void, I32);
    FuncExit = M.getOrInsertFunction("__racegate_func_exit", NoUnwind, Void);
    AtomicBegin = M.getOrInsertFunction("__racegate_atomic_begin", NoUnwind,
                                        Void, Ptr, I32);
    AtomicEnd = M.getOrInsertFunction("__racegate_atomic_end", NoUnwind, Void,
                                      Ptr, I64, I32, I32);
    Fence = M.getOrInsertFunction("__racegate_fence", NoUnwind, Void, I32, I32);
    // The caller stores the id of each call site here just before the call,
    // so the callee's entry hook can record where it was called from.
    CallSite = cast<GlobalVariable>(
        M.getOrInsertGlobal("__racegate_call_site", I32, [&] {
          auto *G =
              new GlobalVariable(M, I32, false, GlobalValue::ExternalLinkage,
                                 nullptr, "__racegate_call_site", nullptr,
                                 GlobalValue::InitialExecTLSModel);
          return G;
        }));
  }
};

int fixedSizeIndex(uint64_t Bytes) {
  for (unsigned I = 0; I < 5; ++I)
    if (FixedSizes[I] == Bytes)
      return I;
  return -1;
}

class FunctionInstrumenter {
public:
  FunctionInstrumenter(Function &F, RuntimeCallees &Rt, SiteTable &Sites,
                       Value *SiteBase, AccessPlan Plan)
      : F(F), Rt(Rt), Sites(Sites), SiteBase(SiteBase), Plan(std::move(Plan)),
        DL(F.getParent()->getDataLayout()) {}

  /// The function's plain loads and stores, in program order.
  static SmallVector<Instruction *, 32> plainAccesses(Function &F) {
    SmallVector<Instruction *, 32> Accesses;
    for (Instruction &I : instructions(F))
      if ((isa<LoadInst>(I) || isa<StoreInst>(I)) && !I.isAtomic())
        Accesses.push_back(&I);
    return Accesses;
  }

  void run() {
    SmallVector<Instruction *, 32> Atomics, MemOps, Calls;
    for (Instruction &I : instructions(F)) {
      if (isa<LoadInst>(I) || isa<StoreInst>(I)) {
        if (I.isAtomic())
          Atomics.push_back(&I);
      } else if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I) ||
                 isa<FenceInst>(I)) {
        Atomics.push_back(&I);
      } else if (isa<MemIntrinsic>(I)) {
        MemOps.push_back(&I);
      } else if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (isInstrumentableCall(*CB))
          Calls.push_back(&I);
      }
    }
    // The module's first site id, read once at entry: every site of the
    // function is an offset from it, and the hooks in between are opaque
    // calls after which the optimiser could not reuse a load.
    IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
    Base = Entry.CreateLoad(Entry.getInt32Ty(), SiteBase, "racegate.sites");
    for (Instruction *I : Plan.Hooked)
      instrumentAccess(*I);
    for (Instruction *I : Plan.VptrLoads)
      instrumentVptrLoad(cast<LoadInst>(*I));
    for (Instruction *I : Plan.VptrStores)
      instrumentVptrStore(cast<StoreInst>(*I));
    for (const RangeCheck &R : Plan.Ranges)
      instrumentRange(R);
    for (Instruction *I : Atomics)
      instrumentAtomic(*I);
    for (Instruction *I : MemOps)
      instrumentMemIntrinsic(cast<MemIntrinsic>(*I));
    for (Instruction *I : Calls)
      recordCallSite(*I);
    instrumentEntryAndExits();
  }

private:
  Value *siteId(IRBuilder<> &B, Instruction &I) {
    return B.CreateAdd(Base, B.getInt32(Sites.siteFor(I)));
  }

  static bool isInstrumentableCall(CallBase &CB) {
    if (CB.isInlineAsm() || isa<IntrinsicInst>(CB))
      return false;
    // The semaphore hook reads the call site like any callee would.
    if (Function *Callee = CB.getCalledFunction())
      return !isRuntimeName(Callee->getName()) ||
             Callee->getName() == "__racegate_semaphore_release";
    return true;
  }

  void instrumentAccess(Instruction &I) {
    bool IsWrite = isa<StoreInst>(I);
    Type *Ty = IsWrite ? cast<StoreInst>(I).getValueOperand()->getType()
                       : I.getType();
    uint64_t Bytes = compat::fixedBytes(DL.getTypeStoreSize(Ty));
    IRBuilder<> B(&I);
    Value *Addr = bytePointer(B, getLoadStorePointerOperand(&I));
    int Index = fixedSizeIndex(Bytes);
    if (Index >= 0)
      B.CreateCall(IsWrite ? Rt.Write[Index] : Rt.Read[Index],
                   {Addr, siteId(B, I)});
    else
      B.CreateCall(IsWrite ? Rt.WriteRange : Rt.ReadRange,
                   {Addr, B.getInt64(Bytes), siteId(B, I)});
  }

  void instrumentVptrLoad(LoadInst &L) {
    IRBuilder<> B(&L);
    B.CreateCall(Rt.VptrRead,
                 {bytePointer(B, L.getPointerOperand()), siteId(B, L)});
  }

  /// The runtime compares the stored value with the one in memory: a
  /// destructor storing the vtable pointer the object already has changes
  /// nothing and is no write (as in ThreadSanitizer).
  void instrumentVptrStore(StoreInst &S) {
    IRBuilder<> B(&S);
    Value *New = S.getValueOperand();
    Type *NewTy = New->getType();
    if (NewTy->isPointerTy())
      New = bytePointer(B, New);
    else if (NewTy->isIntegerTy())
      New = B.CreateIntToPtr(New, compat::bytePtrTy(B.getContext()));
    else
      return instrumentAccess(S);
    B.CreateCall(Rt.VptrUpdate,
                 {bytePointer(B, S.getPointerOperand()), New, siteId(B, S)});
  }

  void instrumentRange(const RangeCheck &R) {
    IRBuilder<> B(R.InsertBefore);
    B.CreateCall(R.IsWrite ? Rt.WriteRange : Rt.ReadRange,
                 {R.Low, R.Length, siteId(B, *R.Access)});
  }

  static Value *bytePointer(IRBuilder<> &B, Value *Ptr) {
    return B.CreatePointerCast(Ptr, compat::bytePtrTy(B.getContext()));
  }

  void instrumentAtomic(Instruction &I) {
    IRBuilder<> B(&I);
    if (auto *Fence = dyn_cast<FenceInst>(&I)) {
      // A signal fence orders nothing between threads.
      if (Fence->getSyncScopeID() == SyncScope::SingleThread)
        return;
      B.CreateCall(Rt.Fence,
                   {B.getInt32(orderFlags(Fence->getOrdering())),
                    siteId(B, I)});
      return;
    }
    Value *Ptr = getLoadStorePointerOperand(&I);
    uint32_t Flags = 0;
    Type *Ty = nullptr;
    if (auto *L = dyn_cast<LoadInst>(&I)) {
      Flags = orderFlags(L->getOrdering()) | abi::AtomicReads;
      Ty = L->getType();
    } else if (auto *S = dyn_cast<StoreInst>(&I)) {
      Flags = orderFlags(S->getOrdering()) | abi::AtomicWrites;
      Ty = S->getValueOperand()->getType();
    } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
      Ptr = RMW->getPointerOperand();
      Flags = orderFlags(RMW->getOrdering()) | abi::AtomicReads |
              abi::AtomicWrites;
      Ty = RMW->getValOperand()->getType();
    } else {
      auto *Cas = cast<AtomicCmpXchgInst>(&I);
      Ptr = Cas->getPointerOperand();
      Flags = orderFlags(Cas->getSuccessOrdering()) | abi::AtomicReads |
              abi::AtomicWrites;
      Ty = Cas->getNewValOperand()->getType();
    }
    if (Ptr->getType()->getPointerAddressSpace() != 0)
      return;
    uint64_t Bytes = compat::fixedBytes(DL.getTypeStoreSize(Ty));
    Value *Addr = bytePointer(B, Ptr);
    B.CreateCall(Rt.AtomicBegin, {Addr, B.getInt32(Flags)});

    B.SetInsertPoint(I.getNextNode());
    Value *EndFlags = B.getInt32(Flags);
    if (auto *Cas = dyn_cast<AtomicCmpXchgInst>(&I)) {
      Value *Stored = B.CreateExtractValue(Cas, 1);
      EndFlags = B.CreateSelect(Stored, B.getInt32(Flags),
                                B.getInt32(Flags | abi::AtomicCasFailed));
    }
    B.CreateCall(Rt.AtomicEnd,
                 {Addr, B.getInt64(Bytes), EndFlags, siteId(B, I)});
  }

  void instrumentMemIntrinsic(MemIntrinsic &MI) {
    IRBuilder<> B(&MI);
    Value *Len = B.CreateZExtOrTrunc(MI.getLength(), B.getInt64Ty());
    Value *Site = siteId(B, MI);
    if (auto *Transfer = dyn_cast<MemTransferInst>(&MI))
      B.CreateCall(Rt.ReadRange, {bytePointer(B, Transfer->getSource()), Len,
                                  Site});
    B.CreateCall(Rt.WriteRange, {bytePointer(B, MI.getDest()), Len, Site});
  }

  void recordCallSite(Instruction &I) {
    IRBuilder<> B(&I);
    B.CreateStore(siteId(B, I), Rt.CallSite);
  }

  void instrumentEntryAndExits() {
    IRBuilder<> Entry(Base->getNextNode());
    Entry.CreateCall(Rt.FuncEntry,
                     {Entry.CreateAdd(
                         Base, Entry.getInt32(Sites.siteForFunction(F)))});
    // Every way out of the function, returns and unwinding alike, pops the
    // runtime's shadow call stack.
    EscapeEnumerator Exits(F, "racegate_cleanup", /*HandleExceptions=*/true);
    while (IRBuilder<> *B = Exits.Next())
      B->CreateCall(Rt.FuncExit, {});
  }

  Function &F;
  RuntimeCallees &Rt;
  SiteTable &Sites;
  Value *SiteBase;
  AccessPlan Plan;
  Instruction *Base = nullptr;
  const DataLayout &DL;
};

/// Builds the table of the module's globals, so that races name them.
Constant *globalsTable(Module &M, StructType *RecordTy) {
  LLVMContext &Ctx = M.getContext();
  IRBuilder<> B(Ctx);
  std::vector<Constant *> Records;
  auto String = [&](StringRef S) -> Constant * {
    Constant *Data = ConstantDataArray::getString(Ctx, S);
    auto *G = new GlobalVariable(M, Data->getType(), true,
                                 GlobalValue::PrivateLinkage, Data,
                                 "__racegate_str");
    return ConstantExpr::getPointerCast(G, compat::bytePtrTy(Ctx));
  };
  for (GlobalVariable &G : M.globals()) {
    if (G.isDeclaration() || G.isConstant() || G.isThreadLocal() ||
        isRuntimeName(G.getName()) || compat::startsWith(G.getName(), ".") ||
        !G.getValueType()->isSized())
      continue;
    uint64_t Size = M.getDataLayout().getTypeAllocSize(G.getValueType());
    std::string Name = G.getName().str(), File;
    uint64_t Line = 0;
    SmallVector<DIGlobalVariableExpression *, 1> Debug;
    G.getDebugInfo(Debug);
    if (!Debug.empty()) {
      DIGlobalVariable *Var = Debug.front()->getVariable();
      Name = Var->getName().str();
      if (DIScope *Scope = Var->getScope();
          Scope && isa<DINamespace, DICompositeType>(Scope) &&
          !Scope->getName().empty())
        Name = Scope->getName().str() + "::" + Name;
      if (DIFile *F = Var->getFile())
        File = (F->getDirectory().empty() || compat::startsWith(F->getFilename(), "/"))
                   ? F->getFilename().str()
                   : (F->getDirectory() + "/" + F->getFilename()).str();
      Line = Var->getLine();
    }
    Records.push_back(ConstantStruct::get(
        RecordTy, {ConstantExpr::getPointerCast(&G, compat::bytePtrTy(Ctx)),
                   B.getInt64(Size), String(Name), String(File),
                   B.getInt64(Line)}));
  }
  auto *ArrayTy = ArrayType::get(RecordTy, Records.size());
  return new GlobalVariable(M, ArrayTy, true, GlobalValue::PrivateLinkage,
                            ConstantArray::get(ArrayTy, Records),
                            "__racegate_globals");
}

void emitRegistration(Module &M, SiteTable &Sites, GlobalVariable *SiteBase) {
  LLVMContext &Ctx = M.getContext();
  IRBuilder<> B(Ctx);
  Type *Ptr = compat::bytePtrTy(Ctx);
  auto *RecordTy = StructType::get(
      Ctx, {Ptr, B.getInt64Ty(), Ptr, Ptr, B.getInt64Ty()});
  Constant *Globals = globalsTable(M, RecordTy);
  uint64_t GlobalCount =
      cast<ArrayType>(cast<GlobalVariable>(Globals)->getValueType())
          ->getNumElements();
  GlobalVariable *SiteArray = Sites.emit(M);

  FunctionCallee Register = M.getOrInsertFunction(
      "__racegate_register_module", B.getVoidTy(), Ptr, B.getInt32Ty(),
      compat::pointerTo(B.getInt32Ty()), Ptr, B.getInt32Ty());
  auto *Ctor = Function::Create(FunctionType::get(B.getVoidTy(), false),
                                GlobalValue::InternalLinkage,
                                "__racegate_module_ctor", M);
  B.SetInsertPoint(BasicBlock::Create(Ctx, "", Ctor));
  B.CreateCall(Register, {B.CreatePointerCast(SiteArray, Ptr),
                          B.getInt32(Sites.size()), SiteBase,
                          B.CreatePointerCast(Globals, Ptr),
                          B.getInt32(GlobalCount)});
  B.CreateRetVoid();
  // Priority 0 runs before every ordinary constructor, so instrumented
  // constructors already report their own sites.
  appendToGlobalCtors(M, Ctor, 0);
}

} // namespace

bool shouldInstrument(const Function &F) {
  if (F.isDeclaration() || isRuntimeName(F.getName()))
    return false;
  if (F.hasFnAttribute(Attribute::Naked) ||
      F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return false;
  return true;
}

PreservedAnalyses MarkInstrumentedPass::run(Module &M,
                                            ModuleAnalysisManager &) {
  // The attribute the sanitizers' functions carry: with it, the optimizer
  // keeps loads below the conditions that guard them and does not widen or
  // speculate stores, so the instrumented program makes only accesses the
  // source makes, and no race is invented.
  bool Changed = false;
  for (Function &F : M)
    if (shouldInstrument(F) && !F.hasFnAttribute(Attribute::SanitizeThread)) {
      F.addFnAttr(Attribute::SanitizeThread);
      Changed = true;
    }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

PreservedAnalyses RacegatePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getFunction("__racegate_module_ctor"))
    return PreservedAnalyses::all();
  RuntimeCallees Rt(M);
  SiteTable Sites;
  // The module's first site id is only known once the runtime registered it.
  auto *SiteBase = new GlobalVariable(
      M, Type::getInt32Ty(M.getContext()), false, GlobalValue::PrivateLinkage,
      ConstantInt::get(Type::getInt32Ty(M.getContext()), 0),
      "__racegate_site_base");

  std::vector<Function *> Work;
  for (Function &F : M)
    if (shouldInstrument(F))
      Work.push_back(&F);
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  DenseSet<const GlobalVariable *> NeverWritten = findNeverWrittenGlobals(M);
  InstrumentationStats Stats;
  for (Function *F : Work) {
    AccessPlan Plan =
        planAccesses(*F, FunctionInstrumenter::plainAccesses(*F),
                     NeverWritten, FAM, Stats);
    FunctionInstrumenter(*F, Rt, Sites, SiteBase, std::move(Plan)).run();
    // The new hooks and expansions made every analysis of F stale.
    FAM.invalidate(*F, PreservedAnalyses::none());
  }
  emitRegistration(M, Sites, SiteBase);
  Stats.printIfAsked(M.getName());
  return PreservedAnalyses::none();
}

} // namespace racegate
