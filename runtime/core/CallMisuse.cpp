//===- CallMisuse.cpp - misuse the shim sees in a call's arguments --------===//
//
// Misuse that needs no history beyond what the interceptors keep: a thread
// joined or detached twice, a barrier of no parties, a pthread call that
// failed, a finished thread nobody joined. Each is reported once per site.
//
//===----------------------------------------------------------------------===//
#include "Detector.h"
#include "JsonWriter.h"

namespace racegate {

void Detector::reportCallMisuse(ThreadState &T, std::string_view Kind,
                                uintptr_t Object, SiteId Site,
                                std::string_view What, std::string_view Call,
                                std::string_view Error, unsigned Waiters) {
  RuntimeScope Busy(T);
  if (!firstReport(Kind, Site))
    return;
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value(Kind);
  J.key("stacks").beginArray();
  J.beginObject().key("thread").value(uint64_t(T.Id));
  J.key("description").value("thread " + std::to_string(T.Id) + " " +
                             std::string(What));
  J.key("frames");
  writeStack(J, frames(Site, T.Stack.current(Stacks)));
  J.endObject();
  J.endArray();
  writeThreads(J, {T.Id});
  J.key("misuse").beginObject().key("object").address(Object);
  if (!Call.empty())
    J.key("call").value(Call);
  if (!Error.empty())
    J.key("error").value(Error);
  if (Waiters)
    J.key("waiters").value(uint64_t(Waiters));
  J.endObject().endObject();
  Sink.emit(J.str());
}

void Detector::reportThreadLeak(ThreadState &T, Tid Leaked, uintptr_t Handle) {
  RuntimeScope Busy(T);
  ThreadState *L = thread(Leaked);
  if (!L || !firstReport("thread_leak", L->CreationSite))
    return;
  JsonWriter J;
  J.beginObject().key("type").value("finding").key("kind").value("thread_leak");
  J.key("stacks").beginArray();
  J.beginObject().key("thread").value(uint64_t(Leaked));
  J.key("description")
      .value("thread " + std::to_string(Leaked) +
             " ended but was neither joined nor detached; it was created "
             "here");
  J.key("frames");
  writeStack(J, frames(L->CreationSite, L->CreationStack));
  J.endObject();
  J.endArray();
  std::vector<Tid> Ids{Leaked};
  if (L->Parent)
    Ids.push_back(*L->Parent);
  writeThreads(J, Ids);
  J.key("misuse").beginObject().key("object").address(Handle);
  J.endObject().endObject();
  Sink.emit(J.str());
}

bool Detector::threadHasFinished(Tid Id) {
  ThreadState *T = thread(Id);
  if (!T)
    return false;
  SpinGuard Guard(T->Lock);
  return T->Finished;
}

} // namespace racegate
