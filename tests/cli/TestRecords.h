#pragma once

// Stream records for the tests, built in code so each test can vary exactly
// the detail it is about (thread ids, addresses, lines, access order).

#include "Json.h"

#include <string>

namespace racegate::test {

inline Json frame(const std::string &function, const std::string &file,
                  int line, int column = 3) {
  return Json{{"function", function},
              {"file", file},
              {"line", line},
              {"column", column}};
}

struct Access {
  int thread;
  std::string operation;
  int line; // line of the innermost frame
  std::string function = "_Z9incrementv";
};

inline Json stackFor(const Access &access, bool isPrevious) {
  std::string description =
      (isPrevious ? "previous " : "") + access.operation + " of size 4";
  return Json{
      {"thread", access.thread},
      {"description", description},
      {"frames",
       Json::array(
           {frame(access.function, "/src/app/counter.cpp", access.line, 7),
            frame("_Z6workerPv", "/src/app/counter.cpp", 20),
            frame("start_thread", "/build/glibc/pthread_create.c", 442)})}};
}

inline Json accessFor(const Access &access, const std::string &address) {
  return Json{{"thread", access.thread},
              {"operation", access.operation},
              {"size", 4},
              {"atomic", false},
              {"address", address},
              {"locks_held", Json::array()}};
}

inline Json dataRace(const Access &current, const Access &previous,
                     const std::string &address = "0x5555aaaa0010",
                     Json variable = Json{{"kind", "global"},
                                          {"name", "counter"},
                                          {"address", "0x5555aaaa0010"},
                                          {"size", 4},
                                          {"offset", 0},
                                          {"file", "/src/app/counter.cpp"},
                                          {"line", 3}}) {
  Json threads = Json::array();
  for (int id : {current.thread, previous.thread})
    threads.push_back(
        Json{{"id", id},
             {"parent", 0},
             {"creation_stack",
              Json::array({frame("main", "/src/app/main.c", 30)})}});
  return Json{
      {"type", "finding"},
      {"kind", "data_race"},
      {"stacks",
       Json::array({stackFor(current, false), stackFor(previous, true)})},
      {"threads", threads},
      {"race", Json{{"accesses", Json::array({accessFor(current, address),
                                              accessFor(previous, address)})},
                    {"variable", std::move(variable)}}}};
}

inline Json standardRace() {
  return dataRace({2, "write", 12}, {1, "write", 12});
}

} // namespace racegate::test
