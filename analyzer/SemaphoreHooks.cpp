//===- SemaphoreHooks.cpp -------------------------------------------------===//
#include "SemaphoreHooks.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"

#include <optional>

using namespace llvm;

namespace racegate {

/// Max of a mangled std::counting_semaphore<Max>::release(long), whose name
/// is _ZNSt<len>counting_semaphoreILl<Max>EE7releaseEl.
static std::optional<int64_t> releaseMaximum(StringRef Name) {
  if (!Name.consume_front("_ZNSt18counting_semaphoreILl") ||
      !Name.consume_back("EE7releaseEl"))
    return std::nullopt;
  int64_t Max;
  if (Name.getAsInteger(10, Max))
    return std::nullopt;
  return Max;
}

PreservedAnalyses SemaphoreHooksPass::run(Module &M,
                                          ModuleAnalysisManager &) {
  SmallVector<std::pair<CallBase *, int64_t>, 8> Releases;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (Function *Callee = Call->getCalledFunction())
          if (auto Max = releaseMaximum(Callee->getName()))
            Releases.emplace_back(Call, *Max);
  if (Releases.empty())
    return PreservedAnalyses::all();

  IRBuilder<> B(M.getContext());
  FunctionCallee Hook = M.getOrInsertFunction(
      "__racegate_semaphore_release", B.getVoidTy(), B.getInt8PtrTy(),
      B.getInt64Ty(), B.getInt64Ty());
  for (auto [Call, Max] : Releases) {
    B.SetInsertPoint(Call);
    Value *Update = Call->arg_size() > 1 ? Call->getArgOperand(1)
                                         : B.getInt64(1);
    B.CreateCall(Hook, {B.CreatePointerCast(Call->getArgOperand(0),
                                            B.getInt8PtrTy()),
                        B.getInt64(Max),
                        B.CreateSExtOrTrunc(Update, B.getInt64Ty())});
  }
  return PreservedAnalyses::none();
}

} // namespace racegate
