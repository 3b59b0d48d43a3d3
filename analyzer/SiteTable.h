//===- SiteTable.h - source sites recorded into the instrumented module ---===//
//
// Every instrumented access, atomic operation and call site gets a small
// integer id. The id indexes a table of strings emitted into the module, each
// describing the site's source location together with its inlined-at chain,
// so the runtime can name file:line:column and function for every frame
// without symbolizing anything at run time.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_SITETABLE_H
#define RACEGATE_ANALYZER_SITETABLE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DebugLoc.h"
#include <string>
#include <vector>

namespace llvm {
class Function;
class Instruction;
class Module;
class GlobalVariable;
} // namespace llvm

namespace racegate {

class SiteTable {
public:
  /// Returns the module-local id of the site of \p I (ids start at 0).
  unsigned siteFor(const llvm::Instruction &I);
  /// Returns the id of a site naming function \p F where it is declared.
  unsigned siteForFunction(const llvm::Function &F);

  /// Emits the table as a constant array of C strings and returns it.
  llvm::GlobalVariable *emit(llvm::Module &M) const;

  unsigned size() const { return Encoded.size(); }

private:
  std::string describe(const llvm::Instruction &I) const;
  unsigned idFor(std::string Text);

  llvm::StringMap<unsigned> Ids;
  std::vector<std::string> Encoded;
};

/// The name to show for \p F in reports: its linkage name, which the CLI
/// demangles.
std::string functionName(const llvm::Function &F);

} // namespace racegate

#endif
