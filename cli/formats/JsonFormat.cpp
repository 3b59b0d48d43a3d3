#include "JsonFormat.h"

#include "Version.h"

namespace racegate {

std::string dumpJson(const Json &value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void writeJsonReport(const Report &report, ReportSink &out) {
  out.write("{\n  \"schema_version\": ");
  out.write(dumpJson(Json(kSchemaVersion)));
  out.write(",\n  \"tool\": ");
  out.write(dumpJson(Json{{"name", kToolName}, {"version", kToolVersion}}));
  out.write(",\n  \"program\": ");
  out.write(dumpJson(report.program));
  out.write(",\n  \"gate\": ");
  out.write(dumpJson(report.gate));
  out.write(",\n  \"findings\": [");
  bool isFirst = true;
  for (const Finding &finding : report.findings) {
    out.write(isFirst ? "\n    " : ",\n    ");
    isFirst = false;
    out.write(dumpJson(Json(finding)));
  }
  out.write(isFirst ? "],\n  \"summary\": " : "\n  ],\n  \"summary\": ");
  out.write(dumpJson(summaryJson(report)));
  if (!report.sources.is_null()) {
    out.write(",\n  \"sources\": ");
    out.write(dumpJson(report.sources));
  }
  out.write("\n}\n");
}

} // namespace racegate
