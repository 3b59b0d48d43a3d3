// expect: none
// One thread makes a virtual call on a shared object and then tells the
// other, through a semaphore, that it is done; the other thread deletes the
// object. The most derived destructor starts by storing the vtable pointer
// the object already has, before it waits: that store changes nothing the
// virtual call could see, so it is not a race (as in ThreadSanitizer).
#include <cstdio>
#include <semaphore.h>
#include <thread>

struct Base {
  virtual void work() {}
  virtual ~Base() = default;
};

sem_t done;

struct Derived : Base {
  void work() override { std::puts("work"); }
  ~Derived() override {
    sem_wait(&done);
    std::puts("destroyed");
  }
};

Base *shared = nullptr;

int main() {
  sem_init(&done, 0, 0);
  shared = new Derived;
  std::thread user([] {
    shared->work();
    sem_post(&done);
  });
  std::thread deleter([] { delete shared; });
  user.join();
  deleter.join();
  sem_destroy(&done);
  return 0;
}
