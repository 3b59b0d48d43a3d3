#include "JsonWriter.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using racegate::JsonWriter;

TEST(JsonWriter, WritesNestedValuesThatParse) {
  JsonWriter J;
  J.beginObject().key("name").value("a \"quoted\"\ttab\n");
  J.key("list").beginArray().value(uint64_t(1)).value(true).null().endArray();
  J.key("addr").address(0xdeadbeef).endObject();
  auto Parsed = nlohmann::json::parse(J.str());
  EXPECT_EQ(Parsed["name"], "a \"quoted\"\ttab\n");
  EXPECT_EQ(Parsed["list"], nlohmann::json::parse("[1,true,null]"));
  EXPECT_EQ(Parsed["addr"], "0xdeadbeef");
}

TEST(JsonWriter, EscapesControlCharacters) {
  JsonWriter J;
  J.value(std::string_view("\x01", 1));
  EXPECT_EQ(J.str(), "\"\\u0001\"");
}
