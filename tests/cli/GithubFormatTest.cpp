#include "GithubFormat.h"
#include "Gate.h"
#include "Report.h"
#include "TestRecords.h"

#include <gtest/gtest.h>

using namespace racegate;
using namespace racegate::test;

TEST(GithubFormat, EscapesDataAndProperties) {
  EXPECT_EQ(escapeGithubData("100% done\r\nnext"), "100%25 done%0D%0Anext");
  EXPECT_EQ(escapeGithubProperty("a:b,c%d\n"), "a%3Ab%2Cc%25d%0A");
}

TEST(GithubFormat, OneAnnotationPerFindingAtItsLocation) {
  std::string text = formatGithubReport(reportOf({standardRace()}), "");
  // The message part escapes only %, CR and LF, so its ':' stays.
  std::string expectedStart =
      "::error file=/src/app/counter.cpp,line=12,col=7,"
      "title=racegate data_race::data race on 'counter' (global): "
      "write of size 4 by thread 2 vs previous write of size 4 by "
      "thread 1%0Awrite of size 4 at /src/app/counter.cpp:12:7%0A";
  EXPECT_EQ(text.rfind(expectedStart, 0), 0u) << text;
  EXPECT_EQ(text.find('\n'), text.find("\nracegate: 1 finding"));
}

TEST(GithubFormat, PathsAreMadeRelativeToTheWorkspace) {
  std::string text = formatGithubReport(reportOf({standardRace()}), "/src/");
  EXPECT_EQ(text.rfind("::error file=app/counter.cpp,", 0), 0u);
  text = formatGithubReport(reportOf({standardRace()}), "/src");
  EXPECT_EQ(text.rfind("::error file=app/counter.cpp,", 0), 0u);
}

TEST(GithubFormat, NonFailingFindingsAreWarnings) {
  Json report = reportOf({standardRace()});
  Gate gate;
  gate.failOn = {};
  applyGate(report, gate);
  EXPECT_EQ(formatGithubReport(report, "").rfind("::warning ", 0), 0u);
}

TEST(GithubFormat, FindingWithoutLocationHasNoFileProperties) {
  std::string text = formatGithubReport(reportOf({makeTimeoutRecord(2)}), "");
  EXPECT_EQ(text.rfind("::error title=racegate timeout::timeout: the program "
                       "was still running after 2 s\n",
                       0),
            0u);
}
