#include "ElfCheck.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cstring>
#include <span>
#include <string_view>

namespace racegate {

namespace {

constexpr std::string_view kRuntimeSymbolPrefix = "__racegate_";

// Read-only mapping of a whole file, released on scope exit.
class MappedFile {
public:
  explicit MappedFile(const std::filesystem::path &path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      void *address =
          ::mmap(nullptr, size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (address != MAP_FAILED)
        bytes = {static_cast<const unsigned char *>(address),
                 size_t(info.st_size)};
    }
    isOpen = true;
    ::close(fd);
  }
  ~MappedFile() {
    if (!bytes.empty())
      ::munmap(const_cast<unsigned char *>(bytes.data()), bytes.size());
  }
  MappedFile(const MappedFile &) = delete;
  MappedFile &operator=(const MappedFile &) = delete;

  bool isOpen = false;
  std::span<const unsigned char> bytes;
};

// Every offset and size below comes from the file, so each one is checked
// against the mapping before use: a truncated binary must yield a verdict,
// never a crash.
bool inBounds(std::span<const unsigned char> image, uint64_t offset,
              uint64_t size) {
  return offset <= image.size() && size <= image.size() - offset;
}

template <class T>
bool readAt(std::span<const unsigned char> image, uint64_t offset, T &out) {
  if (!inBounds(image, offset, sizeof(T)))
    return false;
  std::memcpy(&out, image.data() + offset, sizeof(T));
  return true;
}

template <class Ehdr, class Shdr, class Sym>
BinaryVerdict scanElf(std::span<const unsigned char> image) {
  Ehdr header;
  if (!readAt(image, 0, header))
    return BinaryVerdict::NotElf;
  // ET_DYN covers position-independent executables, clang's default.
  if (header.e_type != ET_EXEC && header.e_type != ET_DYN)
    return BinaryVerdict::NotExecutable;
  if (header.e_shoff == 0)
    return BinaryVerdict::NotInstrumented;
  if (header.e_shentsize != sizeof(Shdr))
    return BinaryVerdict::NotElf;

  uint64_t sectionCount = header.e_shnum;
  if (sectionCount == 0) { // extended numbering: count lives in section 0
    Shdr first;
    if (!readAt(image, header.e_shoff, first))
      return BinaryVerdict::NotElf;
    sectionCount = first.sh_size;
  }
  if (sectionCount > image.size() / sizeof(Shdr) ||
      !inBounds(image, header.e_shoff, sectionCount * sizeof(Shdr)))
    return BinaryVerdict::NotElf;

  auto section = [&](uint64_t index) {
    Shdr result;
    readAt(image, header.e_shoff + index * sizeof(Shdr), result);
    return result;
  };

  for (uint64_t index = 0; index < sectionCount; ++index) {
    Shdr symbols = section(index);
    if (symbols.sh_type != SHT_SYMTAB && symbols.sh_type != SHT_DYNSYM)
      continue;
    if (symbols.sh_link >= sectionCount)
      continue;
    Shdr strings = section(symbols.sh_link);
    if (!inBounds(image, symbols.sh_offset, symbols.sh_size) ||
        !inBounds(image, strings.sh_offset, strings.sh_size))
      continue;
    const char *names =
        reinterpret_cast<const char *>(image.data() + strings.sh_offset);
    uint64_t symbolCount = symbols.sh_size / sizeof(Sym);
    for (uint64_t symbol = 0; symbol < symbolCount; ++symbol) {
      Sym entry;
      readAt(image, symbols.sh_offset + symbol * sizeof(Sym), entry);
      if (entry.st_name >= strings.sh_size)
        continue;
      std::string_view name(
          names + entry.st_name,
          strnlen(names + entry.st_name, strings.sh_size - entry.st_name));
      if (name.starts_with(kRuntimeSymbolPrefix))
        return BinaryVerdict::Instrumented;
    }
  }
  return BinaryVerdict::NotInstrumented;
}

bool isNativeByteOrder(unsigned char encoding) {
  return encoding == (std::endian::native == std::endian::little ? ELFDATA2LSB
                                                                 : ELFDATA2MSB);
}

} // namespace

BinaryVerdict inspectBinary(const std::filesystem::path &path) {
  MappedFile file(path);
  if (!file.isOpen)
    return BinaryVerdict::Unreadable;
  std::span<const unsigned char> image = file.bytes;
  if (image.size() < EI_NIDENT ||
      std::memcmp(image.data(), ELFMAG, SELFMAG) != 0)
    return BinaryVerdict::NotElf;
  // A foreign-endian ELF cannot run here anyway; calling it "not ELF" keeps
  // the parser free of byte swapping.
  if (!isNativeByteOrder(image[EI_DATA]))
    return BinaryVerdict::NotElf;
  switch (image[EI_CLASS]) {
  case ELFCLASS64:
    return scanElf<Elf64_Ehdr, Elf64_Shdr, Elf64_Sym>(image);
  case ELFCLASS32:
    return scanElf<Elf32_Ehdr, Elf32_Shdr, Elf32_Sym>(image);
  default:
    return BinaryVerdict::NotElf;
  }
}

} // namespace racegate
