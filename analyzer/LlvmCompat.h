//===- LlvmCompat.h - the LLVM API differences racegate builds across -----===//
//
// racegate builds against LLVM 14 to 22. Every API that changed in that
// range is reached through this header, so the pass itself reads the same on
// every version.
//
//===----------------------------------------------------------------------===//
#ifndef RACEGATE_ANALYZER_LLVMCOMPAT_H
#define RACEGATE_ANALYZER_LLVMCOMPAT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/TypeSize.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

// The pass plugin interface moved out of llvm/Passes in 22.
#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

namespace racegate::compat {

/// The pointer type of the runtime's `void *` parameters: i8* while pointers
/// are typed (14), the opaque `ptr` after (15 on by default, 17 only).
inline llvm::PointerType *bytePtrTy(llvm::LLVMContext &Ctx) {
#if LLVM_VERSION_MAJOR >= 17
  return llvm::PointerType::getUnqual(Ctx);
#else
  return llvm::Type::getInt8PtrTy(Ctx);
#endif
}

/// A pointer to \p Pointee in address space 0.
inline llvm::PointerType *pointerTo(llvm::Type *Pointee) {
#if LLVM_VERSION_MAJOR >= 17
  return llvm::PointerType::getUnqual(Pointee->getContext());
#else
  return Pointee->getPointerTo();
#endif
}

inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
#if LLVM_VERSION_MAJOR >= 16
  return S.starts_with(Prefix);
#else
  return S.startswith(Prefix);
#endif
}

inline bool endsWith(llvm::StringRef S, llvm::StringRef Suffix) {
#if LLVM_VERSION_MAJOR >= 16
  return S.ends_with(Suffix);
#else
  return S.endswith(Suffix);
#endif
}

inline uint64_t fixedBytes(llvm::TypeSize Size) {
#if LLVM_VERSION_MAJOR >= 16
  return Size.getFixedValue();
#else
  return Size.getFixedSize();
#endif
}

/// Whether a copy of \p V may outlive the function or reach memory, counting
/// stores and returns as captures (LLVM 20 dropped the StoreCaptures flag:
/// stores always capture). LLVM's default walk gives up, answering
/// "captured", after 20 uses, which a local array indexed element by
/// element in an unrolled loop passes at once; \p MaxUses raises that bound.
inline bool mayBeCaptured(const llvm::Value *V, unsigned MaxUses) {
#if LLVM_VERSION_MAJOR >= 20
  return llvm::PointerMayBeCaptured(V, /*ReturnCaptures=*/true, MaxUses);
#else
  return llvm::PointerMayBeCaptured(V, /*ReturnCaptures=*/true,
                                    /*StoreCaptures=*/true, MaxUses);
#endif
}

/// A SCEVExpander (22 takes the data layout from the ScalarEvolution).
class Expander : public llvm::SCEVExpander {
public:
  Expander(llvm::ScalarEvolution &SE, const llvm::DataLayout &DL,
           const char *Name)
#if LLVM_VERSION_MAJOR >= 22
      : SCEVExpander(SE, Name) {
    (void)DL;
  }
#else
      : SCEVExpander(SE, DL, Name) {
  }
#endif
};

inline bool isSafeToExpandAt(llvm::SCEVExpander &Expander,
                             const llvm::SCEV *S, llvm::Instruction *At,
                             llvm::ScalarEvolution &SE) {
#if LLVM_VERSION_MAJOR >= 15
  (void)SE;
  return Expander.isSafeToExpandAt(S, At);
#else
  (void)Expander;
  return llvm::isSafeToExpandAt(S, At, SE);
#endif
}

} // namespace racegate::compat

// The signature of the optimizer-last callback gained the LTO phase in 20.
#if LLVM_VERSION_MAJOR >= 20
#define RACEGATE_OPTIMIZER_LAST_ARGS                                           \
  llvm::ModulePassManager &MPM, llvm::OptimizationLevel,                       \
      llvm::ThinOrFullLTOPhase
#else
#define RACEGATE_OPTIMIZER_LAST_ARGS                                           \
  llvm::ModulePassManager &MPM, llvm::OptimizationLevel
#endif

#endif
