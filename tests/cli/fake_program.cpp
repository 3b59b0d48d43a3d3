/* Stands in for an instrumented program while testing the CLI: it carries a
 * __racegate_ symbol (so the ELF check accepts it) and writes a findings
 * stream by hand, in whatever shape argv[1] asks for, authenticated with
 * the run's key like the runtime's. This tests the CLI's run path without
 * depending on the real runtime. */

#include "racegate/StreamMac.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <string>
#include <unistd.h>

/* Never called; its name is what the ELF check looks for. Kept visible in
 * .dynsym by linking with -rdynamic, as racegate check does. */
extern "C" void __racegate_fake_runtime_marker(void) {}

/* Writes one record (ending in a newline), with its authentication code
 * when racegate gave the run a key. */
static void emit(FILE *stream, const char *record) {
  racegate::streammac::Key key;
  const char *text = getenv("RACEGATE_STREAM_KEY");
  std::string line(record);
  if (text && racegate::streammac::parseKey(text, key) && !line.empty() &&
      line.back() == '\n') {
    std::string body = line.substr(1, line.size() - 2);
    char mac[racegate::streammac::MacDigits];
    racegate::streammac::toHex(racegate::streammac::sipHash(key, body), mac);
    line = std::string(racegate::streammac::Prefix) +
           std::string(mac, sizeof mac) + "\"," + body + "\n";
  }
  fputs(line.c_str(), stream);
}

static FILE *openStream(void) {
  const char *path = getenv("RACEGATE_FINDINGS");
  FILE *stream = path ? fopen(path, "a") : stderr;
  if (!stream)
    exit(99);
  setvbuf(stream, NULL, _IONBF, 0); /* each line reaches the file at once */
  return stream;
}

static const char *kStart =
    "{\"type\":\"start\",\"pid\":1,\"stream_version\":1}\n";

static const char *kRace =
    "{\"type\":\"finding\",\"kind\":\"data_race\",\"stacks\":["
    "{\"thread\":2,\"description\":\"write of size 4\",\"frames\":["
    "{\"function\":\"_Z9incrementv\",\"file\":\"/src/counter.cpp\",\"line\":"
    "12,\"column\":7}]},"
    "{\"thread\":1,\"description\":\"previous write of size 4\",\"frames\":["
    "{\"function\":\"_Z9incrementv\",\"file\":\"/src/counter.cpp\",\"line\":"
    "12,\"column\":7}]}],"
    "\"threads\":[],\"race\":{\"accesses\":["
    "{\"thread\":2,\"operation\":\"write\",\"size\":4,\"atomic\":false,"
    "\"address\":\"0x10\",\"locks_held\":[]},"
    "{\"thread\":1,\"operation\":\"write\",\"size\":4,\"atomic\":false,"
    "\"address\":\"0x10\",\"locks_held\":[]}],"
    "\"variable\":{\"kind\":\"global\",\"name\":\"counter\",\"address\":"
    "\"0x10\",\"size\":4,\"offset\":0}}}\n";

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "clean";
  if (strcmp(mode, "nostart") == 0)
    return 0;
  FILE *stream = openStream();
  emit(stream, kStart);
  printf("fake program output on stdout\n");
  fflush(stdout);
  if (strcmp(mode, "race") == 0) {
    emit(stream, kRace);
  } else if (strcmp(mode, "crash") == 0) {
    emit(stream, kRace);
    raise(SIGSEGV);
  } else if (strcmp(mode, "hang") == 0) {
    for (;;)
      pause();
  } else if (strcmp(mode, "truncated") == 0) {
    emit(stream, kRace);
    fputs("{\"type\":\"finding\",\"kind\":\"da", stream);
    abort();
  } else if (strcmp(mode, "corrupt") == 0) {
    fputs("this is not json\n", stream);
  } else if (strcmp(mode, "slow") == 0) {
    /* Long enough for the progress line, with output on both sides of a
     * finding so the relay around the line can be checked. */
    usleep(1500 * 1000);
    printf("halfway there\n");
    fflush(stdout);
    emit(stream, kRace);
    usleep(800 * 1000);
    printf("done\n");
    fflush(stdout);
  } else if (strcmp(mode, "env") == 0) {
    /* What racegate passed to the runtime. */
    const char *starvation = getenv("RACEGATE_STARVATION_MS");
    const char *timeout = getenv("RACEGATE_TIMEOUT");
    printf("RACEGATE_STARVATION_MS=%s RACEGATE_TIMEOUT=%s\n",
           starvation ? starvation : "(unset)", timeout ? timeout : "(unset)");
    fflush(stdout);
  } else if (strcmp(mode, "exit3") == 0) {
    emit(stream, "{\"type\":\"exit\",\"status\":3}\n");
    return 3;
  }
  emit(stream, "{\"type\":\"exit\",\"status\":0}\n");
  return 0;
}
