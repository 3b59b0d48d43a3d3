// expect: none
// The producer allocates a Message with new, fills it and publishes the pointer
// by CAS-ing it into an empty std::atomic<Message*> mailbox (acq_rel); the
// consumer takes it with an acq_rel exchange, reads it and deletes it. Contents
// are ordered by the mailbox; delete happens before a new that reuses the memory.
#include <atomic>
#include <cstdio>
#include <thread>

struct Message {
  int id;
  char text[24];
};

std::atomic<Message *> mailbox{nullptr};

void consumer(long *sum) {
  for (int i = 0; i < 100; ++i) {
    Message *m;
    while (!(m = mailbox.exchange(nullptr, std::memory_order_acq_rel))) std::this_thread::yield();
    *sum += m->id + m->text[0];
    delete m;
  }
}

int main() {
  long sum = 0;
  std::thread c(consumer, &sum);
  for (int i = 0; i < 100; ++i) {
    Message *m = new Message;
    m->id = i;
    std::snprintf(m->text, sizeof m->text, "msg %d", i);
    Message *expected = nullptr;
    while (!mailbox.compare_exchange_weak(expected, m, std::memory_order_acq_rel)) {
      expected = nullptr;
      std::this_thread::yield();
    }
  }
  c.join();
  std::printf("sum = %ld (expected %d)\n", sum, 4950 + 100 * 'm');
  return 0;
}
