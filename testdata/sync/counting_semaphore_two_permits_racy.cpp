// expect: data_race
// A std::counting_semaphore<2> with 2 permits limits a "connection pool" to two
// concurrent users, but it is not mutual exclusion: both users get a permit
// immediately and both write `last_user`. acquire() only synchronizes with a
// prior release(), and no permit is released before the writes: data race.
#include <cstdio>
#include <semaphore>
#include <thread>

int last_user = 0;
std::counting_semaphore<2> pool_slots(2);

void use_connection(int id) {
  pool_slots.acquire();  // never blocks: two permits for two users
  last_user = id;        // racy write
}

int main() {
  std::thread a(use_connection, 1), b(use_connection, 2);
  a.join();
  b.join();
  pool_slots.release(2);
  std::printf("last_user = %d\n", last_user);
  return 0;
}
