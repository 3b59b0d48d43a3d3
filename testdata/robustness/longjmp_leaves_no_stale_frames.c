// expect: data_race
// frames-exclude: hop
// race-lines: 26 35
// Two million longjmp()s out of five nested calls, then a race in main: the
// racing access's stack is main's alone, with none of the abandoned frames.
#include <pthread.h>
#include <setjmp.h>

static jmp_buf back;
int shared;

__attribute__((noinline)) static void hop(int depth) {
  if (depth == 5)
    longjmp(back, 1);
  hop(depth + 1);
}

static void leaveByLongjmp(long times) {
  for (volatile long i = 0; i < times; ++i)
    if (setjmp(back) == 0)
      hop(1);
}

static void *writer(void *arg) {
  (void)arg;
  shared = 1;
  return NULL;
}

int main(void) {
  leaveByLongjmp(2000000);
  pthread_t thread;
  pthread_create(&thread, NULL, writer, NULL);
  // Unordered with the thread's write.
  int seen = shared;
  pthread_join(thread, NULL);
  return seen == 42;
}
