//===- SiteTable.cpp ------------------------------------------------------===//
//
// A site is encoded as frames separated by '\n', innermost first; each frame
// is "function\tfile\tline\tcolumn". The encoding is shared with the runtime
// (runtime/core/SiteRegistry.cpp), which parses it only when reporting.
//
//===----------------------------------------------------------------------===//
#include "SiteTable.h"
#include "LlvmCompat.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace racegate {

std::string functionName(const Function &F) { return F.getName().str(); }

static std::string scopeFunctionName(const DIScope *Scope,
                                     const Function &Fallback) {
  const DILocalScope *Local = dyn_cast_or_null<DILocalScope>(Scope);
  if (!Local)
    return functionName(Fallback);
  const DISubprogram *SP = Local->getSubprogram();
  if (!SP)
    return functionName(Fallback);
  if (!SP->getLinkageName().empty())
    return SP->getLinkageName().str();
  return SP->getName().str();
}

static std::string absolutePath(const DIScope *Scope) {
  if (!Scope)
    return "";
  StringRef File = Scope->getFilename();
  if (File.empty() || sys::path::is_absolute(File))
    return File.str();
  SmallString<256> Full(Scope->getDirectory());
  sys::path::append(Full, File);
  sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full.str());
}

static void appendFrame(std::string &Out, const std::string &Function,
                        const std::string &File, unsigned Line,
                        unsigned Column) {
  if (!Out.empty())
    Out += '\n';
  Out += Function;
  Out += '\t';
  Out += File;
  Out += '\t';
  Out += std::to_string(Line);
  Out += '\t';
  Out += std::to_string(Column);
}

/// Optimisations such as hoisting drop the location of the instructions they
/// move. What the access feeds or is fed by belongs to the same source
/// expression, so its location stands in first; then the nearest located
/// instruction of the same block.
/// The store that writes back what \p Load read, a few steps down its uses:
/// a read-modify-write such as `count += 1`, whose store kept its location.
static const StoreInst *writeBack(const LoadInst &Load) {
  SmallVector<std::pair<const Instruction *, unsigned>, 8> Work{{&Load, 0}};
  while (!Work.empty()) {
    auto [I, Depth] = Work.pop_back_val();
    for (const User *U : I->users()) {
      if (auto *Store = dyn_cast<StoreInst>(U)) {
        if (Store->getPointerOperand() == Load.getPointerOperand())
          return Store;
      } else if (auto *Next = dyn_cast<Instruction>(U); Next && Depth < 3) {
        Work.push_back({Next, Depth + 1});
      }
    }
  }
  return nullptr;
}

static const DILocation *nearestLocation(const Instruction &I) {
  if (const DILocation *Loc = I.getDebugLoc().get())
    return Loc;
  if (auto *Load = dyn_cast<LoadInst>(&I))
    if (const StoreInst *Store = writeBack(*Load))
      if (const DILocation *Loc = Store->getDebugLoc().get())
        return Loc;
  for (const User *U : I.users())
    if (auto *UI = dyn_cast<Instruction>(U))
      if (const DILocation *Loc = UI->getDebugLoc().get())
        return Loc;
  if (auto *Store = dyn_cast<StoreInst>(&I))
    if (auto *Value = dyn_cast<Instruction>(Store->getValueOperand()))
      if (const DILocation *Loc = Value->getDebugLoc().get())
        return Loc;
  for (const Instruction *Next = I.getNextNode(); Next;
       Next = Next->getNextNode())
    if (!isa<DbgInfoIntrinsic>(Next))
      if (const DILocation *Loc = Next->getDebugLoc().get())
        return Loc;
  for (const Instruction *Prev = I.getPrevNode(); Prev;
       Prev = Prev->getPrevNode())
    if (!isa<DbgInfoIntrinsic>(Prev))
      if (const DILocation *Loc = Prev->getDebugLoc().get())
        return Loc;
  return nullptr;
}

std::string SiteTable::describe(const Instruction &I) const {
  const Function &F = *I.getFunction();
  std::string Out;
  const DILocation *Loc = nearestLocation(I);
  if (!Loc) {
    // No debug info: name the function at least, and the file of the
    // function's own subprogram if it has one.
    const DISubprogram *SP = F.getSubprogram();
    appendFrame(Out, functionName(F), SP ? absolutePath(SP) : "",
                SP ? SP->getLine() : 0, 0);
    return Out;
  }
  for (; Loc; Loc = Loc->getInlinedAt())
    appendFrame(Out, scopeFunctionName(Loc->getScope(), F),
                absolutePath(Loc->getScope()), Loc->getLine(),
                Loc->getColumn());
  return Out;
}

unsigned SiteTable::siteFor(const Instruction &I) { return idFor(describe(I)); }

unsigned SiteTable::siteForFunction(const Function &F) {
  std::string Text;
  const DISubprogram *SP = F.getSubprogram();
  appendFrame(Text, SP && !SP->getLinkageName().empty()
                        ? SP->getLinkageName().str()
                        : functionName(F),
              SP ? absolutePath(SP) : "", SP ? SP->getLine() : 0, 0);
  return idFor(std::move(Text));
}

unsigned SiteTable::idFor(std::string Text) {
  auto [It, Inserted] = Ids.try_emplace(Text, Encoded.size());
  if (Inserted)
    Encoded.push_back(std::move(Text));
  return It->second;
}

GlobalVariable *SiteTable::emit(Module &M) const {
  LLVMContext &Ctx = M.getContext();
  Type *CharPtr = compat::bytePtrTy(Ctx);
  std::vector<Constant *> Strings;
  Strings.reserve(Encoded.size());
  for (const std::string &Text : Encoded) {
    Constant *Data = ConstantDataArray::getString(Ctx, Text);
    auto *G = new GlobalVariable(M, Data->getType(), /*isConstant=*/true,
                                 GlobalValue::PrivateLinkage, Data,
                                 "__racegate_site_text");
    G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    Strings.push_back(ConstantExpr::getPointerCast(G, CharPtr));
  }
  auto *ArrayTy = ArrayType::get(CharPtr, Strings.size());
  return new GlobalVariable(M, ArrayTy, /*isConstant=*/true,
                            GlobalValue::PrivateLinkage,
                            ConstantArray::get(ArrayTy, Strings),
                            "__racegate_sites");
}

} // namespace racegate
