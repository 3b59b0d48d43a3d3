#include "ProgressLine.h"

#include <fmt/core.h>

#include <fstream>

namespace racegate {

std::string formatProgressLine(std::chrono::milliseconds elapsed, long threads,
                               long findings) {
  std::string text =
      fmt::format("racegate: {:.1f} s", double(elapsed.count()) / 1000.0);
  if (threads >= 0)
    text += fmt::format(", {} thread{}", threads, threads == 1 ? "" : "s");
  return text + fmt::format(", {} finding{} so far", findings,
                            findings == 1 ? "" : "s");
}

long countThreads(int pid) {
  std::error_code error;
  std::filesystem::directory_iterator tasks(fmt::format("/proc/{}/task", pid),
                                            error);
  if (error)
    return -1;
  long count = 0;
  for (auto it = tasks; it != std::filesystem::directory_iterator();
       it.increment(error)) {
    if (error)
      return -1;
    ++count;
  }
  return count;
}

long FindingCounter::update() {
  std::ifstream in(stream, std::ios::binary);
  if (!in)
    return findings;
  in.seekg(std::streamoff(offset));
  std::string chunk((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  offset += chunk.size();
  partialLine += chunk;
  size_t begin = 0;
  for (size_t end; (end = partialLine.find('\n', begin)) != std::string::npos;
       begin = end + 1) {
    // Records are written by the runtime's own JSON writer, compactly; a
    // substring test is enough for a progress count.
    std::string_view line(partialLine.data() + begin, end - begin);
    if (line.find("\"type\":\"finding\"") != std::string_view::npos)
      ++findings;
  }
  partialLine.erase(0, begin);
  return findings;
}

} // namespace racegate
