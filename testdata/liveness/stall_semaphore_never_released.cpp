// expect: stall
// hangs: yes
// A consumer acquires a std::counting_semaphore that the producer was supposed to release
// after loading its data, but the producer takes an early-return error path and exits without
// releasing. The consumer blocks in acquire() forever and main blocks joining it.
#include <cstdio>
#include <semaphore>
#include <thread>

static std::counting_semaphore<8> ready(0);
static int data = 0;

static void producer(bool fail) {
  if (fail) {
    std::puts("producer: load failed, giving up");
    return;  // BUG: forgets ready.release()
  }
  data = 42;
  ready.release();
}

static void consumer() {
  ready.acquire();  // nobody will ever release
  std::printf("consumer got %d\n", data);
}

int main() {
  std::thread p(producer, true);
  std::thread c(consumer);
  p.join();
  c.join();
  return 0;
}
