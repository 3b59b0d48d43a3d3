//===- Plugin.cpp - racegate's entry point for clang -fpass-plugin --------===//
#include "RacegatePass.h"
#include "LibraryHooks.h"
#include "LlvmCompat.h"

#include "llvm/Passes/PassBuilder.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "racegate", "0.1.0", [](PassBuilder &PB) {
            // Last in the pipeline, like the sanitizers: the accesses left
            // after optimisation are the ones that really happen. The O0
            // pipeline runs these callbacks too.
            PB.registerOptimizerLastEPCallback(
                [](RACEGATE_OPTIMIZER_LAST_ARGS) {
                  MPM.addPass(racegate::RacegatePass());
                });
            // Before inlining, while library calls are still calls, and
            // before any pass that could speculate an access.
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(racegate::MarkInstrumentedPass());
                  MPM.addPass(racegate::LibraryHooksPass());
                });
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "racegate")
                    return false;
                  MPM.addPass(racegate::RacegatePass());
                  return true;
                });
          }};
}
