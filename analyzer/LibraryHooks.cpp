//===- LibraryHooks.cpp ---------------------------------------------------===//
#include "LibraryHooks.h"
#include "LlvmCompat.h"
#include "racegate/RuntimeAbi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;

namespace racegate {
namespace {

/// Max of a mangled std::counting_semaphore<Max>::release(long), whose name
/// is _ZNSt<len>counting_semaphoreILl<Max>EE7releaseEl.
std::optional<int64_t> releaseMaximum(StringRef Name) {
  if (!Name.consume_front("_ZNSt18counting_semaphoreILl") ||
      !Name.consume_back("EE7releaseEl"))
    return std::nullopt;
  int64_t Max;
  if (Name.getAsInteger(10, Max))
    return std::nullopt;
  return Max;
}

/// Which waiting primitive a call blocks in, if any.
std::optional<abi::Primitive> waitingPrimitive(StringRef Name) {
  if (Name == "_ZNKSt5latch4waitEv" || Name == "_ZNSt5latch15arrive_and_waitEl")
    return abi::PrimitiveLatch;
  // std::barrier<Completion>::arrive_and_wait() and wait(arrival_token&&).
  if (compat::startsWith(Name, "_ZNSt7barrierI") &&
      compat::endsWith(Name, "E15arrive_and_waitEv"))
    return abi::PrimitiveBarrier;
  if (compat::startsWith(Name, "_ZNKSt7barrierI") &&
      compat::endsWith(Name, "E4waitEONS1_13arrival_tokenE"))
    return abi::PrimitiveBarrier;
  return std::nullopt;
}

} // namespace

PreservedAnalyses LibraryHooksPass::run(Module &M, ModuleAnalysisManager &) {
  SmallVector<std::pair<CallBase *, int64_t>, 8> Releases;
  SmallVector<std::pair<CallInst *, abi::Primitive>, 8> Waits;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (Function *Callee = Call->getCalledFunction()) {
          if (auto Max = releaseMaximum(Callee->getName()))
            Releases.emplace_back(Call, *Max);
          // Only plain calls: the end hook goes right after them.
          else if (auto Kind = waitingPrimitive(Callee->getName()))
            if (auto *Plain = dyn_cast<CallInst>(Call))
              Waits.emplace_back(Plain, *Kind);
        }
  if (Releases.empty() && Waits.empty())
    return PreservedAnalyses::all();

  IRBuilder<> B(M.getContext());
  Type *Ptr = compat::bytePtrTy(M.getContext());
  FunctionCallee Release = M.getOrInsertFunction(
      "__racegate_semaphore_release", B.getVoidTy(), Ptr, B.getInt64Ty(),
      B.getInt64Ty());
  for (auto [Call, Max] : Releases) {
    B.SetInsertPoint(Call);
    Value *Update = Call->arg_size() > 1 ? Call->getArgOperand(1)
                                         : B.getInt64(1);
    B.CreateCall(Release, {B.CreatePointerCast(Call->getArgOperand(0), Ptr),
                           B.getInt64(Max),
                           B.CreateSExtOrTrunc(Update, B.getInt64Ty())});
  }

  FunctionCallee WaitBegin = M.getOrInsertFunction(
      "__racegate_primitive_wait_begin", B.getVoidTy(), Ptr, B.getInt32Ty());
  FunctionCallee WaitEnd =
      M.getOrInsertFunction("__racegate_primitive_wait_end", B.getVoidTy());
  for (auto [Call, Kind] : Waits) {
    B.SetInsertPoint(Call);
    B.CreateCall(WaitBegin,
                 {B.CreatePointerCast(Call->getArgOperand(0), Ptr),
                  B.getInt32(Kind)});
    B.SetInsertPoint(Call->getNextNode());
    B.CreateCall(WaitEnd, {});
  }
  return PreservedAnalyses::none();
}

} // namespace racegate
