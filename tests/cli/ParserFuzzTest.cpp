// Mutated inputs through every parser the CLI exposes to files it did not
// write: findings streams, reports (merge), baselines and suppressions. The
// only acceptable failure is a ToolError (one `racegate: error:` line, exit
// 2); any other exception, or a crash, fails the test. The seed is fixed so
// that a failure reproduces; tests/fuzz has a libFuzzer harness for longer
// runs.

#include "Diagnostics.h"
#include "FindingsStream.h"
#include "Gate.h"
#include "ReportFile.h"
#include "ReportOutput.h"
#include "Suppressions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string_view>

using namespace racegate;

namespace {

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Mutator {
public:
  explicit Mutator(uint32_t seed) : random(seed) {}

  std::string mutate(std::string text) {
    int rounds = 1 + pick(4);
    for (int i = 0; i < rounds; ++i)
      text = once(std::move(text));
    return text;
  }

private:
  size_t pick(size_t bound) {
    return bound == 0 ? 0 : std::uniform_int_distribution<size_t>(0, bound - 1)(random);
  }

  std::string once(std::string text) {
    // Views, so that the NUL token is one byte rather than an empty C string.
    static constexpr std::string_view kTokens[] = {
        "1e999", "-1e999", "18446744073709551616", "\"\\ud800\"", "\xff\xfe",
        "\xc3\x28", "null", "[", "]", "{", "}", ",", ":", "\"", "\\", "\n",
        std::string_view("\0", 1), "\"kind\":\"nope\"",
        "\"stream_version\":99", "\"seq\":0,\"pid\":1,", "-0", "1.5e308"};
    size_t at = pick(text.size() + 1);
    switch (pick(8)) {
    case 0: // flip a byte
      if (!text.empty())
        text[pick(text.size())] ^= char(1 << pick(8));
      break;
    case 1: // insert a random byte
      text.insert(at, 1, char(pick(256)));
      break;
    case 2: // delete a range
      text.erase(at, pick(64));
      break;
    case 3: // duplicate a range
      if (!text.empty()) {
        size_t from = pick(text.size());
        text.insert(at, text.substr(from, pick(256)));
      }
      break;
    case 4: // insert a token that parsers find hard
      text.insert(at, kTokens[pick(std::size(kTokens))]);
      break;
    case 5: // deep nesting
      text.insert(at, std::string(100 + pick(5000), pick(2) ? '[' : '{'));
      break;
    case 6: // truncate
      text.resize(at);
      break;
    default: // swap two lines' worth of bytes
      if (text.size() > 2) {
        size_t a = pick(text.size()), b = pick(text.size());
        std::swap(text[a], text[b]);
      }
      break;
    }
    return text;
  }

  std::mt19937 random;
};

// Runs `parse`; only a ToolError may come out.
template <typename Parse>
void expectOnlyToolErrors(const std::string &input, Parse &&parse,
                          const char *what, int iteration) {
  try {
    parse(input);
  } catch (const ToolError &) {
  } catch (const std::exception &e) {
    ADD_FAILURE() << what << " iteration " << iteration
                  << " threw a non-ToolError: " << e.what();
  }
}

std::filesystem::path scratchFile(const std::string &name) {
  return std::filesystem::temp_directory_path() /
         ("racegate-fuzz-" + std::to_string(::getpid()) + "-" + name);
}

} // namespace

TEST(ParserFuzz, StreamsFromRealRecords) {
  std::string seed = readFile(RACEGATE_TEST_DATA "/runtime_kinds.jsonl") +
                     readFile(RACEGATE_TEST_DATA "/sample.jsonl");
  Mutator mutator(0x5eed0001);
  for (int i = 0; i < 1000; ++i) {
    expectOnlyToolErrors(
        mutator.mutate(seed),
        [](const std::string &text) {
          FindingsStream stream = parseFindingsStream(text, "fuzz.jsonl");
          // What parsed must also render in every format.
          Report report = buildReport(stream, {});
          for (ReportFormat format : {ReportFormat::Json, ReportFormat::Sarif,
                                      ReportFormat::Text, ReportFormat::Github})
            renderReport(report, format, false, "/src");
        },
        "stream", i);
  }
}

TEST(ParserFuzz, ReportsAndBaselines) {
  FindingsStream stream =
      readFindingsStream(RACEGATE_TEST_DATA "/runtime_kinds.jsonl");
  std::string seed =
      renderReport(buildReport(stream, {}), ReportFormat::Json, false);
  std::filesystem::path file = scratchFile("report.json");
  Mutator mutator(0x5eed0002);
  for (int i = 0; i < 1000; ++i) {
    expectOnlyToolErrors(
        mutator.mutate(seed),
        [&](const std::string &text) {
          std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
          size_t count = 0;
          readReportFile(file, "report", [&](Finding &&) { ++count; });
          readBaseline(file);
        },
        "report", i);
  }
  std::filesystem::remove(file);
}

TEST(ParserFuzz, Suppressions) {
  std::string seed = "race:^increment$\nrace_top:Pool::size\n# comment\n"
                     "deadlock:*transfer*\nmutex:lock\nthread:worker\n"
                     "called_from_lib:libfoo.so\nsrc:vendor/*\nsignal:x\n";
  Mutator mutator(0x5eed0003);
  FindingsStream stream =
      readFindingsStream(RACEGATE_TEST_DATA "/runtime_kinds.jsonl");
  Report report = buildReport(stream, {});
  for (int i = 0; i < 1000; ++i) {
    expectOnlyToolErrors(
        mutator.mutate(seed),
        [&](const std::string &text) {
          Suppressions suppressions = Suppressions::parse(text, "fuzz.supp");
          for (const Finding &finding : report.findings)
            suppressions.match(finding);
        },
        "suppressions", i);
  }
}
