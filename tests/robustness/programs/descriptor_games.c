// Races, then plays the descriptor games daemons and test harnesses play,
// racing again after each: closes every descriptor above 2, opens a data
// file (which gets the lowest number), and dup2()s it over a wide range.
// Every race must reach the report, and nothing but the program's own text
// may reach its data file (argv[1]).
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

int first, second, third;

static void *writeFirst(void *arg) { first = 1; return arg; }
static void *writeSecond(void *arg) { second = 1; return arg; }
static void *writeThird(void *arg) { third = 1; return arg; }

static void race(void *(*writer)(void *), int *shared) {
  pthread_t thread;
  pthread_create(&thread, NULL, writer, NULL);
  int seen = *shared;
  pthread_join(thread, NULL);
  if (seen == 42)
    _exit(9);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  race(writeFirst, &first);
  close_range(3, ~0U, 0);
  for (int fd = 3; fd < 1024; ++fd)
    close(fd);
  int data = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  race(writeSecond, &second);
  for (int fd = data + 1; fd < 900; ++fd)
    dup2(data, fd);
  race(writeThird, &third);
  const char text[] = "program data\n";
  write(data, text, strlen(text));
  close(data);
  return 0;
}
