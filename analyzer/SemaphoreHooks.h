//===- SemaphoreHooks.h - see std::counting_semaphore releases ------------===//
//
// std::counting_semaphore is header-only atomics: its maximum exists only as
// a template argument. Before inlining erases the call, this pass marks each
// call of counting_semaphore<Max>::release(n) with a runtime call that knows
// Max, so a release beyond the maximum can be reported.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_SEMAPHOREHOOKS_H
#define RACEGATE_ANALYZER_SEMAPHOREHOOKS_H

#include "llvm/IR/PassManager.h"

namespace racegate {

class SemaphoreHooksPass : public llvm::PassInfoMixin<SemaphoreHooksPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace racegate

#endif
