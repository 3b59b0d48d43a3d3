// libFuzzer entry point: the first byte chooses the parser (findings stream,
// report file, suppressions), the rest is its input. Anything but a
// ToolError escaping, or a crash, is a finding for the fuzzer.

#include "Diagnostics.h"
#include "FindingsStream.h"
#include "Gate.h"
#include "ReportFile.h"
#include "ReportOutput.h"
#include "Suppressions.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace racegate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
    case 0: {
      FindingsStream stream = parseFindingsStream(text, "fuzz.jsonl");
      Report report = buildReport(stream, {});
      for (ReportFormat format : {ReportFormat::Json, ReportFormat::Sarif,
                                  ReportFormat::Text, ReportFormat::Github})
        renderReport(report, format, false, "/src");
      break;
    }
    case 1: {
      static const std::filesystem::path file =
          std::filesystem::temp_directory_path() /
          ("racegate-fuzz-" + std::to_string(::getpid()) + ".json");
      std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
      readReportFile(file, "report", [](Finding &&) {});
      break;
    }
    default:
      Suppressions::parse(text, "fuzz.supp");
      break;
    }
  } catch (const ToolError &) {
  }
  return 0;
}
