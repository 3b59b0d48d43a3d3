//===- AccessPlanner.h - which accesses of a function need which hook -----===//
//
// Not every load and store needs its own call into the runtime. The planner
// drops the ones that cannot take part in a race, or whose race another hook
// of the same thread at the same moment would report anyway, and replaces
// the per-element hooks of simple loops by one range check before the loop.
// Each rule says beside its code why it loses no race.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_ACCESSPLANNER_H
#define RACEGATE_ANALYZER_ACCESSPLANNER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class GlobalVariable;
class Instruction;
class Module;
class Value;
} // namespace llvm

namespace racegate {

/// Counts of what the planner decided, summed over a module.
struct InstrumentationStats {
  unsigned Hooked = 0;          // loads and stores with their own hook
  unsigned VptrHooked = 0;      // vtable pointer loads and stores
  unsigned RangeChecks = 0;     // range checks put before loops
  unsigned InLoopRanges = 0;    // accesses those range checks stand for
  unsigned NotShared = 0;       // memory no other thread can reach
  unsigned ConstantData = 0;    // memory nothing writes
  unsigned ReadBeforeWrite = 0; // reads the following write covers
  unsigned Repeated = 0;        // accesses an earlier one covers

  /// Writes the counts to stderr when RACEGATE_STATS is set in the
  /// environment of the compiler.
  void printIfAsked(llvm::StringRef ModuleName) const;
};

/// The module's globals that are never written and whose address never
/// escapes, so that loads from them cannot race.
llvm::DenseSet<const llvm::GlobalVariable *>
findNeverWrittenGlobals(llvm::Module &M);

/// A check of a loop's whole access range, done once before the loop.
struct RangeCheck {
  llvm::Instruction *Access; // the access it stands for (its site is used)
  bool IsWrite;
  llvm::Instruction *InsertBefore;
  llvm::Value *Low;    // first byte, a pointer
  llvm::Value *Length; // bytes, an i64
};

struct AccessPlan {
  llvm::SmallVector<llvm::Instruction *, 32> Hooked;
  llvm::SmallVector<llvm::Instruction *, 4> VptrLoads, VptrStores;
  llvm::SmallVector<RangeCheck, 4> Ranges;
};

/// Decides how each of \p Accesses (the function's non-atomic loads and
/// stores, in program order) is instrumented. Range checks are expanded into
/// the loops' preheaders right away, while the analyses are still exact.
AccessPlan
planAccesses(llvm::Function &F, llvm::ArrayRef<llvm::Instruction *> Accesses,
             const llvm::DenseSet<const llvm::GlobalVariable *> &NeverWritten,
             llvm::FunctionAnalysisManager &FAM, InstrumentationStats &Stats);

/// Whether \p Name belongs to racegate's runtime or to LLVM.
bool isRuntimeName(llvm::StringRef Name);

} // namespace racegate

#endif
