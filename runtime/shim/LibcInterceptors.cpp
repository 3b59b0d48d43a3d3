//===- LibcInterceptors.cpp - memory and descriptors libc touches ---------===//
//
// String, memory and I/O functions of libc read and write the program's
// memory where no instrumentation sees it. Each interceptor calls the real
// function and records what it touched as one range access at the call's
// site. Descriptors are synchronization too (LibcEvents.h).
//
// This file must not include libc's <string.h>, <stdio.h> or <unistd.h>:
// their C++ declarations of these functions (overloads, noexcept) would
// clash with the definitions here. The real functions are found once, at
// start-up, by libcResolve().
//
//===----------------------------------------------------------------------===//
#include "LibcEvents.h"

#include <cstddef>
#include <cstdint>
#include <sys/types.h>

extern "C" __thread uint32_t __racegate_call_site
    __attribute__((tls_model("initial-exec")));
extern "C" void *dlsym(void *, const char *);

using namespace racegate::shim;

namespace {

struct sockaddr;
using socklen_t = unsigned;

namespace real {
#define RACEGATE_LIBC_FUNCTIONS(X)                                             \
  X(int, memcmp, const void *, const void *, size_t)                           \
  X(int, bcmp, const void *, const void *, size_t)                             \
  X(void *, memchr, const void *, int, size_t)                                 \
  X(void *, memrchr, const void *, int, size_t)                                \
  X(size_t, strlen, const char *)                                              \
  X(size_t, strnlen, const char *, size_t)                                     \
  X(int, strcmp, const char *, const char *)                                   \
  X(int, strncmp, const char *, const char *, size_t)                          \
  X(char *, strchr, const char *, int)                                         \
  X(char *, strrchr, const char *, int)                                        \
  X(char *, strstr, const char *, const char *)                                \
  X(char *, strcpy, char *, const char *)                                      \
  X(char *, stpcpy, char *, const char *)                                      \
  X(char *, strncpy, char *, const char *, size_t)                             \
  X(char *, strcat, char *, const char *)                                      \
  X(char *, strncat, char *, const char *, size_t)                             \
  X(char *, strdup, const char *)                                              \
  X(char *, strndup, const char *, size_t)                                     \
  X(ssize_t, read, int, void *, size_t)                                        \
  X(ssize_t, write, int, const void *, size_t)                                 \
  X(ssize_t, pread, int, void *, size_t, off_t)                                \
  X(ssize_t, pwrite, int, const void *, size_t, off_t)                         \
  X(ssize_t, send, int, const void *, size_t, int)                             \
  X(ssize_t, sendto, int, const void *, size_t, int, const sockaddr *,         \
    socklen_t)                                                                 \
  X(ssize_t, recv, int, void *, size_t, int)                                   \
  X(ssize_t, recvfrom, int, void *, size_t, int, sockaddr *, socklen_t *)      \
  X(int, close, int)                                                           \
  X(int, dup, int)                                                             \
  X(int, dup2, int, int)                                                       \
  X(int, dup3, int, int, int)                                                  \
  X(int, puts, const char *)                                                   \
  X(int, fputs, const char *, void *)                                          \
  X(size_t, fwrite, const void *, size_t, size_t, void *)                      \
  X(size_t, fread, void *, size_t, size_t, void *)                             \
  X(char *, fgets, char *, int, void *)                                        \
  X(void, flockfile, void *)                                                   \
  X(int, ftrylockfile, void *)                                                 \
  X(void, funlockfile, void *)

#define RACEGATE_DECLARE(Ret, Name, ...) Ret (*Name)(__VA_ARGS__);
RACEGATE_LIBC_FUNCTIONS(RACEGATE_DECLARE)
#undef RACEGATE_DECLARE
} // namespace real

/// The call's site, cleared so that a later call does not take it.
uint32_t site() {
  uint32_t S = __racegate_call_site;
  __racegate_call_site = 0;
  return S;
}

// Before the real functions are found (nothing but the runtime's own
// start-up can call these that early), plain loops stand in.
size_t fallbackStrlen(const char *S) {
  size_t N = 0;
  while (S[N])
    ++N;
  return N;
}

size_t realStrlen(const char *S) {
  return __builtin_expect(real::strlen != nullptr, 1) ? real::strlen(S)
                                                      : fallbackStrlen(S);
}

size_t realStrnlen(const char *S, size_t Max) {
  if (__builtin_expect(real::strnlen != nullptr, 1))
    return real::strnlen(S, Max);
  size_t N = 0;
  while (N < Max && S[N])
    ++N;
  return N;
}

/// How many bytes strcmp/strncmp read of each string: up to and with the
/// first difference or the terminator, at most \p Max.
size_t comparedBytes(const char *A, const char *B, size_t Max) {
  size_t I = 0;
  while (I < Max) {
    unsigned char X = A[I], Y = B[I];
    ++I;
    if (X != Y || X == 0)
      break;
  }
  return I;
}

int compareBytes(const void *A, const void *B, size_t N) {
  const unsigned char *X = static_cast<const unsigned char *>(A);
  const unsigned char *Y = static_cast<const unsigned char *>(B);
  for (size_t I = 0; I < N; ++I)
    if (X[I] != Y[I])
      return X[I] < Y[I] ? -1 : 1;
  return 0;
}

} // namespace

namespace racegate::shim {
void libcResolve() {
  // RTLD_NEXT: libc's definitions, after the program's (these).
  void *const Next = reinterpret_cast<void *>(-1l);
#define RACEGATE_RESOLVE(Ret, Name, ...)                                       \
  real::Name = reinterpret_cast<Ret (*)(__VA_ARGS__)>(dlsym(Next, #Name));
  RACEGATE_LIBC_FUNCTIONS(RACEGATE_RESOLVE)
#undef RACEGATE_RESOLVE
}
} // namespace racegate::shim

extern "C" {

// --- Memory and strings --------------------------------------------------

int memcmp(const void *A, const void *B, size_t N) {
  uint32_t S = site();
  if (!real::memcmp)
    return compareBytes(A, B, N);
  libc::readRange(A, N, S);
  libc::readRange(B, N, S);
  return real::memcmp(A, B, N);
}

int bcmp(const void *A, const void *B, size_t N) {
  uint32_t S = site();
  if (!real::bcmp)
    return compareBytes(A, B, N);
  libc::readRange(A, N, S);
  libc::readRange(B, N, S);
  return real::bcmp(A, B, N);
}

void *memchr(const void *P, int C, size_t N) {
  uint32_t S = site();
  void *R = real::memchr(P, C, N);
  libc::readRange(P, R ? size_t(static_cast<char *>(R) -
                                static_cast<const char *>(P)) + 1
                       : N,
                  S);
  return R;
}

void *memrchr(const void *P, int C, size_t N) {
  uint32_t S = site();
  libc::readRange(P, N, S);
  return real::memrchr(P, C, N);
}

size_t strlen(const char *P) {
  uint32_t S = site();
  size_t N = realStrlen(P);
  libc::readRange(P, N + 1, S);
  return N;
}

size_t strnlen(const char *P, size_t Max) {
  uint32_t S = site();
  size_t N = realStrnlen(P, Max);
  libc::readRange(P, N < Max ? N + 1 : N, S);
  return N;
}

int strcmp(const char *A, const char *B) {
  uint32_t S = site();
  size_t N = comparedBytes(A, B, SIZE_MAX);
  libc::readRange(A, N, S);
  libc::readRange(B, N, S);
  unsigned char X = A[N - 1], Y = B[N - 1];
  return X < Y ? -1 : X > Y ? 1 : 0;
}

int strncmp(const char *A, const char *B, size_t Max) {
  uint32_t S = site();
  size_t N = comparedBytes(A, B, Max);
  libc::readRange(A, N, S);
  libc::readRange(B, N, S);
  if (N == 0)
    return 0;
  unsigned char X = A[N - 1], Y = B[N - 1];
  return X < Y ? -1 : X > Y ? 1 : 0;
}

char *strchr(const char *P, int C) {
  uint32_t S = site();
  char *R = real::strchr(P, C);
  libc::readRange(P, R ? size_t(R - P) + 1 : realStrlen(P) + 1, S);
  return R;
}

char *strrchr(const char *P, int C) {
  uint32_t S = site();
  libc::readRange(P, realStrlen(P) + 1, S);
  return real::strrchr(P, C);
}

char *strstr(const char *Haystack, const char *Needle) {
  uint32_t S = site();
  char *R = real::strstr(Haystack, Needle);
  size_t NeedleBytes = realStrlen(Needle);
  libc::readRange(Needle, NeedleBytes + 1, S);
  libc::readRange(Haystack,
                  R ? size_t(R - Haystack) + NeedleBytes
                    : realStrlen(Haystack) + 1,
                  S);
  return R;
}

char *strcpy(char *D, const char *Src) {
  uint32_t S = site();
  size_t N = realStrlen(Src) + 1;
  libc::readRange(Src, N, S);
  libc::writeRange(D, N, S);
  return real::strcpy(D, Src);
}

char *stpcpy(char *D, const char *Src) {
  uint32_t S = site();
  size_t N = realStrlen(Src) + 1;
  libc::readRange(Src, N, S);
  libc::writeRange(D, N, S);
  return real::stpcpy(D, Src);
}

char *strncpy(char *D, const char *Src, size_t Max) {
  uint32_t S = site();
  size_t N = realStrnlen(Src, Max);
  libc::readRange(Src, N < Max ? N + 1 : N, S);
  libc::writeRange(D, Max, S);
  return real::strncpy(D, Src, Max);
}

char *strcat(char *D, const char *Src) {
  uint32_t S = site();
  size_t DstLen = realStrlen(D), SrcLen = realStrlen(Src);
  libc::readRange(D, DstLen + 1, S);
  libc::readRange(Src, SrcLen + 1, S);
  libc::writeRange(D + DstLen, SrcLen + 1, S);
  return real::strcat(D, Src);
}

char *strncat(char *D, const char *Src, size_t Max) {
  uint32_t S = site();
  size_t DstLen = realStrlen(D), SrcLen = realStrnlen(Src, Max);
  libc::readRange(D, DstLen + 1, S);
  libc::readRange(Src, SrcLen < Max ? SrcLen + 1 : SrcLen, S);
  libc::writeRange(D + DstLen, SrcLen + 1, S);
  return real::strncat(D, Src, Max);
}

// The site stays for the allocation inside, which the malloc hook reports.
char *strdup(const char *P) {
  libc::readRange(P, realStrlen(P) + 1, __racegate_call_site);
  return real::strdup(P);
}

char *strndup(const char *P, size_t Max) {
  size_t N = realStrnlen(P, Max);
  libc::readRange(P, N < Max ? N + 1 : N, __racegate_call_site);
  return real::strndup(P, Max);
}

// --- Descriptors ---------------------------------------------------------

namespace {
/// What \p Count bytes received into \p Buf mean: the data that came
/// through the descriptor was released into it by its writer, and the
/// buffer was written.
ssize_t received(int Fd, void *Buf, ssize_t Count, uint32_t Site) {
  if (Count > 0) {
    libc::fdAcquired(Fd);
    libc::writeRange(Buf, size_t(Count), Site);
  }
  return Count;
}

/// Before \p Count bytes of \p Buf are sent: the buffer is read, and the
/// write releases before it is made, since the reader may get the data
/// before the writer returns.
void sending(int Fd, const void *Buf, size_t Count, uint32_t Site) {
  libc::fdUsed(Fd, Site);
  libc::readRange(Buf, Count, Site);
  libc::fdReleased(Fd);
}
} // namespace

ssize_t read(int Fd, void *Buf, size_t Count) {
  uint32_t S = site();
  libc::fdUsed(Fd, S);
  return received(Fd, Buf, real::read(Fd, Buf, Count), S);
}

ssize_t pread(int Fd, void *Buf, size_t Count, off_t At) {
  uint32_t S = site();
  libc::fdUsed(Fd, S);
  return received(Fd, Buf, real::pread(Fd, Buf, Count, At), S);
}

ssize_t recv(int Fd, void *Buf, size_t Count, int Flags) {
  uint32_t S = site();
  libc::fdUsed(Fd, S);
  return received(Fd, Buf, real::recv(Fd, Buf, Count, Flags), S);
}

ssize_t recvfrom(int Fd, void *Buf, size_t Count, int Flags, sockaddr *From,
                 socklen_t *FromLen) {
  uint32_t S = site();
  libc::fdUsed(Fd, S);
  return received(Fd, Buf,
                  real::recvfrom(Fd, Buf, Count, Flags, From, FromLen), S);
}

ssize_t write(int Fd, const void *Buf, size_t Count) {
  sending(Fd, Buf, Count, site());
  return real::write(Fd, Buf, Count);
}

ssize_t pwrite(int Fd, const void *Buf, size_t Count, off_t At) {
  sending(Fd, Buf, Count, site());
  return real::pwrite(Fd, Buf, Count, At);
}

ssize_t send(int Fd, const void *Buf, size_t Count, int Flags) {
  sending(Fd, Buf, Count, site());
  return real::send(Fd, Buf, Count, Flags);
}

ssize_t sendto(int Fd, const void *Buf, size_t Count, int Flags,
               const sockaddr *To, socklen_t ToLen) {
  sending(Fd, Buf, Count, site());
  return real::sendto(Fd, Buf, Count, Flags, To, ToLen);
}

int close(int Fd) {
  libc::fdClosed(Fd, site());
  return real::close(Fd);
}

int dup(int Fd) {
  int New = real::dup(Fd);
  if (New >= 0)
    libc::fdCopied(Fd, New);
  return New;
}

int dup2(int Fd, int To) {
  int New = real::dup2(Fd, To);
  if (New >= 0 && New != Fd)
    libc::fdCopied(Fd, New);
  return New;
}

int dup3(int Fd, int To, int Flags) {
  int New = real::dup3(Fd, To, Flags);
  if (New >= 0)
    libc::fdCopied(Fd, New);
  return New;
}

// --- stdio ---------------------------------------------------------------

int puts(const char *P) {
  uint32_t S = site();
  libc::readRange(P, realStrlen(P) + 1, S);
  return real::puts(P);
}

int fputs(const char *P, void *File) {
  uint32_t S = site();
  libc::readRange(P, realStrlen(P) + 1, S);
  return real::fputs(P, File);
}

size_t fwrite(const void *P, size_t Size, size_t Count, void *File) {
  uint32_t S = site();
  size_t Bytes;
  if (!__builtin_mul_overflow(Size, Count, &Bytes))
    libc::readRange(P, Bytes, S);
  return real::fwrite(P, Size, Count, File);
}

size_t fread(void *P, size_t Size, size_t Count, void *File) {
  uint32_t S = site();
  size_t N = real::fread(P, Size, Count, File);
  libc::writeRange(P, N * Size, S);
  return N;
}

char *fgets(char *P, int Max, void *File) {
  uint32_t S = site();
  char *R = real::fgets(P, Max, File);
  if (R)
    libc::writeRange(P, realStrlen(P) + 1, S);
  return R;
}

void flockfile(void *File) {
  libc::fileLock(File, site(), real::flockfile, real::ftrylockfile);
}

int ftrylockfile(void *File) {
  return libc::fileTryLock(File, site(), real::ftrylockfile);
}

void funlockfile(void *File) {
  libc::fileUnlocked(File, site());
  real::funlockfile(File);
}

} // extern "C"
