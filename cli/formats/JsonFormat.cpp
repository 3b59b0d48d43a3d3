#include "JsonFormat.h"

#include "FindingWriter.h"
#include "JsonWriter.h"
#include "Version.h"

namespace racegate {

std::string dumpJson(const Json &value) { return compactJson(value); }

void writeJsonReport(const Report &report, ReportSink &out) {
  JsonWriter json(out);
  json.raw("{\n  \"schema_version\": ");
  json.string(kSchemaVersion);
  json.raw(",\n  \"tool\": ");
  json.rawValue(compactJson(Json{{"name", kToolName}, {"version", kToolVersion}}));
  json.raw(",\n  \"program\": ");
  json.json(report.program);
  json.raw(",\n  \"gate\": ");
  json.json(report.gate);
  json.raw(",\n  \"findings\": [");
  bool isFirst = true;
  for (const Finding &finding : report.findings) {
    json.raw(isFirst ? "\n    " : ",\n    ");
    isFirst = false;
    writeFinding(json, finding);
  }
  json.raw(isFirst ? "],\n  \"summary\": " : "\n  ],\n  \"summary\": ");
  json.json(summaryJson(report));
  if (!report.sources.is_null()) {
    json.raw(",\n  \"sources\": ");
    json.json(report.sources);
  }
  json.raw("\n}\n");
}

} // namespace racegate
