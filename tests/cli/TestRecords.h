#pragma once

// Stream records for the tests, built in code so each test can vary exactly
// the detail it is about (thread ids, addresses, lines, access order).

#include "Json.h"
#include "FindingsStream.h"
#include "Report.h"

#include <optional>
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

// A stack whose innermost frames are libstdc++ plumbing (as for anything
// done through std::mutex), with the user's `function` below them.
inline Json lockStack(int thread, const std::string &description,
                      const std::string &function, int line) {
  return Json{
      {"thread", thread},
      {"description", description},
      {"frames",
       Json::array({frame("_ZL20__gthread_mutex_lockP15pthread_mutex_t",
                          "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../"
                          "../include/x86_64-linux-gnu/c++/12/bits/"
                          "gthr-default.h",
                          749),
                    frame("_ZNSt5mutex4lockEv",
                          "/usr/include/c++/12/bits/std_mutex.h", 100),
                    frame(function, "/src/app/bank.cpp", line),
                    frame("_Z6workerv", "/src/app/bank.cpp", 40)})}};
}

// What a thread was doing, as the runtime's wait states describe it.
inline Json waitState(int thread, const std::string &waitsFor,
                      const std::string &object,
                      std::initializer_list<std::string> holds = {}) {
  Json held = Json::array();
  for (const std::string &lock : holds)
    held.push_back(lock);
  return Json{{"thread", thread},  {"waits_for", waitsFor},
              {"object", object},  {"timed", false},
              {"waiting_ms", 300}, {"holds", std::move(held)}};
}

// Two threads taking locks 0xa0 and 0xb0 in opposite orders, shaped like
// the runtime's lock_order_inversion record: per cycle edge, the request
// stack and then the stack where the held lock was acquired.
inline Json lockOrderInversion() {
  return Json{
      {"type", "finding"},
      {"kind", "lock_order_inversion"},
      {"stacks",
       Json::array(
           {lockStack(1, "requests lock 0xb0 while holding lock 0xa0",
                      "_Z10transferABv", 17),
            lockStack(1, "acquired lock 0xa0 here", "_Z10transferABv", 16),
            lockStack(2, "requests lock 0xa0 while holding lock 0xb0",
                      "_Z10transferBAv", 27),
            lockStack(2, "acquired lock 0xb0 here", "_Z10transferBAv", 26)})},
      {"threads", Json::array()},
      {"cycle", Json::array({Json{{"thread", 1},
                                  {"holds", "0xa0"},
                                  {"holds_exclusive", true},
                                  {"requests", "0xb0"},
                                  {"requests_exclusive", true}},
                             Json{{"thread", 2},
                                  {"holds", "0xb0"},
                                  {"holds_exclusive", true},
                                  {"requests", "0xa0"},
                                  {"requests_exclusive", true}}})}};
}

// The same cycle seen where it cannot deadlock: a lock_order_violation with
// its reason.
inline Json lockOrderViolation(const std::string &reason) {
  Json record = lockOrderInversion();
  record["kind"] = "lock_order_violation";
  record["violation"] = Json{{"reason", reason}};
  if (reason == "gate_lock")
    record["violation"]["gate"] = "0xc0";
  return record;
}

// The deadlock the inversion above leads to: waits first, then holds.
inline Json lockDeadlock() {
  return Json{
      {"type", "finding"},
      {"kind", "deadlock"},
      {"stacks",
       Json::array(
           {lockStack(1, "thread 1 waits for lock 0xb0", "_Z10transferABv", 17),
            lockStack(2, "thread 2 waits for lock 0xa0", "_Z10transferBAv", 27),
            lockStack(1, "thread 1 holds lock 0xa0, acquired here",
                      "_Z10transferABv", 16),
            lockStack(2, "thread 2 holds lock 0xb0, acquired here",
                      "_Z10transferBAv", 26)})},
      {"threads", Json::array()},
      {"deadlock",
       Json{{"threads",
             Json::array({waitState(1, "lock", "0xb0", {"0xa0"}),
                          waitState(2, "lock", "0xa0", {"0xb0"})})}}}};
}

// A misuse record of `kind` by `thread` on `object`.
inline Json misuse(const std::string &kind, int thread,
                   const std::string &object,
                   std::optional<int> owner = std::nullopt) {
  Json details{{"object", object}};
  if (owner)
    details["owner"] = *owner;
  return Json{
      {"type", "finding"},
      {"kind", kind},
      {"stacks",
       Json::array({Json{{"thread", thread},
                         {"description", "unlock of a lock"},
                         {"frames", Json::array({frame(
                                        "_Z6unlockv", "/src/app/m.c", 9)})}}})},
      {"threads", Json::array()},
      {"misuse", details}};
}

/// The report of a stream made of \p records.
inline Json reportOf(std::initializer_list<Json> records,
                     ProgramInfo program = {}) {
  FindingsStream stream;
  stream.hasStart = true;
  for (const Json &record : records)
    stream.findings.add(makeFinding(record));
  Report report = buildReport(stream, program);
  return reportJson(report);
}

} // namespace racegate::test
