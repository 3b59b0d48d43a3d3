#include "Process.h"
#include "Diagnostics.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>
#include <unistd.h>

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

TEST(Process, OutputCanGoToAnotherDescriptor) {
  int pipeFds[2];
  ASSERT_EQ(pipe(pipeFds), 0);
  ProcessOptions options;
  options.outputFd = pipeFds[1];
  runProcess({"/bin/sh", "-c", "echo out; echo err >&2"}, options);
  close(pipeFds[1]);
  std::string captured;
  char buffer[64];
  for (ssize_t got; (got = read(pipeFds[0], buffer, sizeof(buffer))) > 0;)
    captured.append(buffer, size_t(got));
  close(pipeFds[0]);
  EXPECT_EQ(captured, "out\nerr\n");
}

TEST(Process, WhileRunningIsCalledUntilTheChildEnds) {
  ProcessOptions options;
  int calls = 0;
  int seenPid = 0;
  options.whileRunning = [&](int pid, std::chrono::milliseconds budget) {
    ++calls;
    seenPid = pid;
    std::this_thread::sleep_for(budget);
  };
  EXPECT_EQ(runProcess({"/bin/sleep", "0.3"}, options).exitCode, 0);
  EXPECT_GE(calls, 5);
  EXPECT_GT(seenPid, 0);
}
