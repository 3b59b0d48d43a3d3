// Finds its findings stream and writes into it: with argv[1] = "forge" a
// data race record of its own, with "truncate" it empties the stream
// between two real races, with "repeat" it writes a record numbered like
// one the runtime wrote, with "numbered" a well-numbered process of its
// own (a start record and a finding), with "spliced" a finding behind the
// authentication code of the runtime's first record. racegate must not
// pass any of these off as a report. With "key" it looks for the run's
// key in its environment and exits 3 if it finds it.
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int shared, other;
extern char **environ;

// Whether 32 hex digits follow RACEGATE_STREAM_KEY= in the environment or
// in /proc/self/environ.
static int hasKey(const char *text, size_t size) {
  static const char name[] = "RACEGATE_STREAM_KEY=";
  for (size_t i = 0; i + sizeof name - 1 + 32 <= size; ++i) {
    if (memcmp(text + i, name, sizeof name - 1) != 0)
      continue;
    size_t digits = 0;
    while (digits < 32 &&
           strchr("0123456789abcdef", text[i + sizeof name - 1 + digits]) &&
           text[i + sizeof name - 1 + digits])
      ++digits;
    if (digits == 32)
      return 1;
  }
  return 0;
}

static int findsKey(void) {
  for (char **e = environ; *e; ++e)
    if (hasKey(*e, strlen(*e)))
      return 3;
  char buffer[65536];
  int fd = open("/proc/self/environ", O_RDONLY);
  ssize_t n = fd < 0 ? 0 : read(fd, buffer, sizeof buffer);
  if (n > 0 && hasKey(buffer, (size_t)n))
    return 3;
  return 0;
}

static void *writeShared(void *arg) { shared = 1; return arg; }
static void *writeOther(void *arg) { other = 1; return arg; }

static void race(void *(*writer)(void *), int *variable) {
  pthread_t thread;
  pthread_create(&thread, NULL, writer, NULL);
  int seen = *variable;
  pthread_join(thread, NULL);
  if (seen == 42)
    _exit(9);
}

int main(int argc, char **argv) {
  const char *path = getenv("RACEGATE_FINDINGS");
  if (argc < 2 || !path)
    return 2;
  if (strcmp(argv[1], "truncate") == 0) {
    race(writeShared, &shared);
    close(open(path, O_WRONLY | O_TRUNC));
    race(writeOther, &other); // a second, separate race after the cut
    return 0;
  }
  if (strcmp(argv[1], "key") == 0)
    return findsKey();
  int fd = open(path, O_WRONLY | O_APPEND);
  char record[512];
  if (strcmp(argv[1], "numbered") == 0)
    snprintf(record, sizeof record,
             "{\"seq\":0,\"pid\":%d,\"type\":\"start\","
             "\"stream_version\":2}\n"
             "{\"seq\":1,\"pid\":%d,\"type\":\"finding\",\"kind\":"
             "\"deadlock\",\"message\":\"forged\",\"stacks\":[],"
             "\"threads\":[]}\n",
             (int)getpid() + 1, (int)getpid() + 1);
  else if (strcmp(argv[1], "spliced") == 0) {
    // The runtime's own first line: {"mac":"<16 digits>", then the body.
    char first[256] = {0};
    int in = open(path, O_RDONLY);
    if (in < 0 || read(in, first, 26) != 26)
      return 4;
    close(in);
    first[26] = 0;
    snprintf(record, sizeof record,
             "%s\"seq\":0,\"pid\":%d,\"type\":\"finding\",\"kind\":"
             "\"deadlock\",\"message\":\"forged\",\"stacks\":[],"
             "\"threads\":[]}\n",
             first, (int)getpid() + 1);
  } else if (strcmp(argv[1], "forge") == 0)
    snprintf(record, sizeof record,
             "{\"type\":\"finding\",\"kind\":\"deadlock\",\"message\":"
             "\"forged\",\"stacks\":[],\"threads\":[]}\n");
  else
    snprintf(record, sizeof record,
             "{\"seq\":0,\"pid\":%d,\"type\":\"finding\",\"kind\":"
             "\"deadlock\",\"message\":\"forged\",\"stacks\":[],"
             "\"threads\":[]}\n",
             (int)getpid());
  write(fd, record, strlen(record));
  close(fd);
  return 0;
}
