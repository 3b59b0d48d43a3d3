#include "Process.h"
#include "Diagnostics.h"

#include <gtest/gtest.h>

#include <csignal>

using namespace racegate;

TEST(Process, ExitCodeAndSignal) {
  EXPECT_EQ(runProcess({"/bin/sh", "-c", "exit 7"}).exitCode, 7);
  ProcessResult killed = runProcess({"/bin/sh", "-c", "kill -SEGV $$"});
  EXPECT_FALSE(killed.exitCode.has_value());
  EXPECT_EQ(killed.signal, SIGSEGV);
}

TEST(Process, EnvironmentOverrides) {
  ProcessOptions options;
  options.environment = {{"RACEGATE_TEST_VALUE", "42"}};
  EXPECT_EQ(runProcess({"/bin/sh", "-c", "test \"$RACEGATE_TEST_VALUE\" = 42"},
                       options)
                .exitCode,
            0);
}

TEST(Process, KillsAfterDeadline) {
  ProcessOptions options;
  options.killAfter = std::chrono::milliseconds(200);
  ProcessResult result = runProcess({"/bin/sleep", "30"}, options);
  EXPECT_TRUE(result.wasKilledForTimeout);
  EXPECT_EQ(result.signal, SIGKILL);
}

TEST(Process, MissingProgramIsAToolError) {
  EXPECT_THROW(runProcess({"/nonexistent/racegate/program"}), ToolError);
}

TEST(Process, SignalNames) {
  EXPECT_EQ(signalName(SIGSEGV), "SIGSEGV");
  EXPECT_EQ(signalName(SIGKILL), "SIGKILL");
  EXPECT_EQ(signalName(SIGABRT), "SIGABRT");
}
