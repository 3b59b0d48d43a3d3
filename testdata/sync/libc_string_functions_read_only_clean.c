// expect: none
// Four threads search, measure, compare and copy from strings that main
// wrote before starting them, each into its own buffer: reads only on the
// shared strings, so no race however the libc calls are counted.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

char text[128];
char word[16];

struct result {
  char copy[128];
  size_t length;
  int order;
  const char *found;
};

static void *worker(void *arg) {
  struct result *r = arg;
  r->length = strlen(text);
  r->order = strcmp(text, word) + memcmp(text, word, 4);
  r->found = strstr(text, word);
  strcpy(r->copy, text);
  if (memchr(text, 'q', sizeof text) || strchr(word, 'z'))
    r->order++;
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  snprintf(text, sizeof text, "the quick brown fox %d", argc);
  snprintf(word, sizeof word, "brown");
  struct result results[4];
  pthread_t t[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&t[i], NULL, worker, &results[i]);
  for (int i = 0; i < 4; ++i)
    pthread_join(t[i], NULL);
  printf("%zu %d\n", results[0].length, results[0].order);
  return 0;
}
