// expect: data_race
// One thread makes a virtual call on a shared object while another deletes
// it with nothing ordering the two. The base destructor changes the
// object's vtable pointer to its own class's, which races with the load of
// the vtable pointer in the virtual call.
#include <chrono>
#include <cstdio>
#include <thread>

struct Base {
  virtual void work() {}
  virtual ~Base() { std::puts("base destroyed"); }
};

struct Derived : Base {
  void work() override { std::puts("work"); }
  ~Derived() override { std::puts("derived destroyed"); }
};

Base *shared = nullptr;

int main() {
  shared = new Derived;
  std::thread user([] { shared->work(); });
  std::thread deleter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    delete shared;
  });
  user.join();
  deleter.join();
  return 0;
}
