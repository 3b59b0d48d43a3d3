//===- LibraryHooks.h - see header-only synchronization in the library ----===//
//
// std::counting_semaphore, std::latch and std::barrier are header-only
// atomics: their maximum, count and number of parties exist only as template
// arguments or object fields, and their blocking is a bare futex wait. Before
// inlining erases the calls, this pass marks them with runtime calls that
// name the object, so the runtime can report a release beyond the maximum
// and say what a stalled thread waits for.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_LIBRARYHOOKS_H
#define RACEGATE_ANALYZER_LIBRARYHOOKS_H

#include "llvm/IR/PassManager.h"

namespace racegate {

class LibraryHooksPass : public llvm::PassInfoMixin<LibraryHooksPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace racegate

#endif
