// Starts a process tree and writes its pids to the file argv[1]: an
// instrumented child that waits forever, a helper (/bin/sleep) that keeps
// the inherited stdout and stderr open, and, with argv[2] = "wait", a main
// process that waits forever too (ignoring SIGTERM); otherwise main exits
// at once.
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  int waits = argc > 2 && strcmp(argv[2], "wait") == 0;
  if (waits)
    signal(SIGTERM, SIG_IGN);
  pid_t child = fork();
  if (child == 0) {
    for (;;)
      pause();
  }
  pid_t helper = fork();
  if (helper == 0) {
    execl("/bin/sleep", "sleep", "600", (char *)NULL);
    _exit(127);
  }
  FILE *out = fopen(argv[1], "w");
  fprintf(out, "%d %d %d\n", (int)getpid(), (int)child, (int)helper);
  fclose(out);
  if (waits)
    for (;;)
      pause();
  return 0;
}
