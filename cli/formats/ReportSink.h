#pragma once

#include <string>
#include <string_view>

namespace racegate {

// Where a format writes: formats produce their output piece by piece, so
// none holds a second copy of the report.
class ReportSink {
public:
  virtual ~ReportSink() = default;
  virtual void write(std::string_view text) = 0;
};

class StringSink : public ReportSink {
public:
  void write(std::string_view text) override { out.append(text); }
  std::string take() { return std::move(out); }

private:
  std::string out;
};

// A buffered file descriptor (not closed). Write errors are remembered and
// reported by finish(), which returns the errno of the first failure or 0.
class FdSink : public ReportSink {
public:
  explicit FdSink(int fd) : fd(fd) { buffer.reserve(kBufferSize); }
  ~FdSink() override { finish(); }
  void write(std::string_view text) override;
  int finish();

private:
  static constexpr size_t kBufferSize = size_t(1) << 20;
  void flush();
  int fd;
  int error = 0;
  std::string buffer;
};

} // namespace racegate
