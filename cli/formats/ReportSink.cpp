#include "ReportSink.h"

#include <cerrno>
#include <unistd.h>

namespace racegate {

void FdSink::write(std::string_view text) {
  if (buffer.size() + text.size() > kBufferSize)
    flush();
  if (text.size() >= kBufferSize) {
    buffer.append(text);
    flush();
    return;
  }
  buffer.append(text);
}

void FdSink::flush() {
  size_t done = 0;
  while (done < buffer.size() && error == 0) {
    ssize_t wrote = ::write(fd, buffer.data() + done, buffer.size() - done);
    if (wrote < 0 && errno == EINTR)
      continue;
    if (wrote <= 0) {
      error = wrote < 0 ? errno : EIO;
      break;
    }
    done += size_t(wrote);
  }
  buffer.clear();
}

int FdSink::finish() {
  flush();
  return error;
}

} // namespace racegate
