//===- SiteRegistry.cpp ---------------------------------------------------===//
//
// Site texts are "function\tfile\tline\tcolumn" frames joined by '\n',
// innermost first, as written by the analyzer (analyzer/SiteTable.cpp).
//
//===----------------------------------------------------------------------===//
#include "SiteRegistry.h"

#include <algorithm>
#include <cstdlib>
#include "LazyMemory.h"

namespace racegate {

SiteRegistry::SiteRegistry()
    : Texts(mapLazyArray<std::atomic<const char *>>(Capacity)) {}

SiteRegistry::~SiteRegistry() { unmapLazyArray(Texts, Capacity); }

SiteId SiteRegistry::addSites(const char *const *SiteTexts, uint32_t Count) {
  uint32_t Base = Next.fetch_add(Count, std::memory_order_relaxed);
  if (!Texts || uint64_t(Base) + Count > Capacity)
    return 0;
  for (uint32_t I = 0; I < Count; ++I)
    Texts[Base + I].store(SiteTexts[I], std::memory_order_release);
  return Base;
}

void SiteRegistry::addGlobals(const abi::GlobalRecord *Records,
                              uint32_t Count) {
  SpinGuard Guard(GlobalsLock);
  for (uint32_t I = 0; I < Count; ++I) {
    const abi::GlobalRecord &R = Records[I];
    Globals.push_back({reinterpret_cast<uintptr_t>(R.Address), R.Size,
                       R.Name ? R.Name : "", R.File ? R.File : "",
                       unsigned(R.Line)});
  }
  std::sort(Globals.begin(), Globals.end(),
            [](const auto &A, const auto &B) { return A.Address < B.Address; });
}

static std::string_view siteText(const std::atomic<const char *> *Texts,
                                 SiteId Id) {
  if (!Texts || Id == 0 || Id >= SiteRegistry::Capacity)
    return {};
  const char *T = Texts[Id].load(std::memory_order_acquire);
  return T ? std::string_view(T) : std::string_view();
}

static unsigned parseNumber(std::string_view S) {
  unsigned N = 0;
  for (char C : S) {
    if (C < '0' || C > '9')
      break;
    N = N * 10 + unsigned(C - '0');
  }
  return N;
}

std::vector<Frame> SiteRegistry::frames(SiteId Id) const {
  std::vector<Frame> Out;
  std::string_view Text = siteText(Texts, Id);
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    std::string_view Line = Text.substr(0, End);
    Text = End == std::string_view::npos ? std::string_view()
                                         : Text.substr(End + 1);
    std::string_view Fields[4];
    for (unsigned F = 0; F < 4; ++F) {
      size_t Tab = F < 3 ? Line.find('\t') : std::string_view::npos;
      Fields[F] = Line.substr(0, Tab);
      Line = Tab == std::string_view::npos ? std::string_view()
                                           : Line.substr(Tab + 1);
    }
    Frame Fr{std::string(Fields[0]), std::string(Fields[1]),
             parseNumber(Fields[2]), parseNumber(Fields[3]), false};
    // Every frame but the outermost of a site was inlined into the next.
    Out.push_back(std::move(Fr));
  }
  for (size_t I = 0; I + 1 < Out.size(); ++I)
    Out[I].Inlined = true;
  return Out;
}

std::string_view SiteRegistry::location(SiteId Id) const {
  std::string_view Text = siteText(Texts, Id);
  std::string_view First = Text.substr(0, Text.find('\n'));
  // Skip the function name: the location alone identifies the site.
  size_t Tab = First.find('\t');
  return Tab == std::string_view::npos ? First : First.substr(Tab + 1);
}

std::optional<GlobalVariableInfo>
SiteRegistry::findGlobal(uintptr_t Addr) const {
  SpinGuard Guard(GlobalsLock);
  auto It = std::upper_bound(
      Globals.begin(), Globals.end(), Addr,
      [](uintptr_t A, const GlobalVariableInfo &G) { return A < G.Address; });
  if (It == Globals.begin())
    return std::nullopt;
  --It;
  if (Addr < It->Address + std::max<uint64_t>(It->Size, 1))
    return *It;
  return std::nullopt;
}

} // namespace racegate
