//===- RacegatePass.h - instrument a module for racegate's runtime --------===//
//
// Inserts calls into racegate's runtime before every memory access that may be
// shared between threads, around every atomic operation, and at function entry
// and exit (including exits by unwinding), and registers the module's source
// sites and globals with the runtime from a constructor.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_RACEGATEPASS_H
#define RACEGATE_ANALYZER_RACEGATEPASS_H

#include "llvm/IR/PassManager.h"

namespace racegate {

/// Whether racegate instruments \p F.
bool shouldInstrument(const llvm::Function &F);

/// Marks every function racegate will instrument as sanitize_thread, early
/// in the pipeline, so the optimizer treats it as it treats ThreadSanitizer's.
class MarkInstrumentedPass : public llvm::PassInfoMixin<MarkInstrumentedPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

class RacegatePass : public llvm::PassInfoMixin<RacegatePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  /// Instrumentation is required for correctness of the analysis, so it also
  /// runs on optnone functions (every function at -O0).
  static bool isRequired() { return true; }
};

} // namespace racegate

#endif
