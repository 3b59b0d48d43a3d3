// expect: data_race
// One thread re-constructs a shared object in place (placement new), which
// stores new vtable pointers, while another thread makes a virtual call on
// it, with nothing ordering the two.
#include <chrono>
#include <cstdio>
#include <new>
#include <thread>

struct Base {
  virtual int id() const { return 0; }
  virtual ~Base() = default;
};

struct Derived : Base {
  int id() const override { return 1; }
};

alignas(Derived) unsigned char storage[sizeof(Derived)];
Base *shared = nullptr;

__attribute__((noinline)) int callId(const Base *object) { return object->id(); }

int main() {
  shared = new (storage) Derived;
  std::thread user([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::printf("id = %d\n", callId(shared));
  });
  std::thread rebuilder([] { shared = new (storage) Base; });
  user.join();
  rebuilder.join();
  return 0;
}
