// Per-cell mutexes over a grid, the shape of PARSEC fluidanimate: every cell
// carries its own pthread mutex and a few particles. Each step, a thread
// visits the cells of its half of the grid and, for each cell, locks each of
// the 9 neighbouring cells (its own included, some owned by the other
// thread) to add forces to that cell's particles; after a barrier each thread
// moves the particles of its own cells without locks. About 8 M lock/unlock
// pairs in total by default.
// Usage: cell_locks [scale]   (scale multiplies the number of steps)
#include <pthread.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "WorkloadScale.h"

namespace {

constexpr int kThreads = 2;
constexpr int kSide = 256;     // kSide x kSide cells
constexpr int kParticles = 16; // per cell
constexpr int kDefaultSteps = 14;
constexpr int32_t kRange2 = 96 * 96; // interaction radius, squared

struct Cell {
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  int32_t pos[kParticles][2];  // written only in the move phase, by the owner
  int64_t force[kParticles];   // written under lock by either thread
};

Cell *grid;
pthread_barrier_t barrier;

Cell &cellAt(int row, int col) { return grid[row * kSide + col]; }

// Adds to each particle of other the forces from the particles at own (a
// private copy of the visiting cell's positions), every pair in range.
void interact(const int32_t (&own)[kParticles][2], Cell &other) {
  pthread_mutex_lock(&other.lock);
  for (int p = 0; p < kParticles; ++p) {
    int32_t x = other.pos[p][0], y = other.pos[p][1];
    int64_t f = 0;
    for (int q = 0; q < kParticles; ++q) {
      int32_t dx = x - own[q][0], dy = y - own[q][1];
      int32_t d2 = dx * dx + dy * dy;
      f += d2 < kRange2 ? (kRange2 - d2) >> 6 : d2 & 1;
    }
    other.force[p] += f;
  }
  pthread_mutex_unlock(&other.lock);
}

void worker(int id, int steps, uint64_t *out) {
  int rowLo = kSide / kThreads * id;
  int rowHi = kSide / kThreads * (id + 1);
  for (int s = 0; s < steps; ++s) {
    for (int r = rowLo; r < rowHi; ++r)
      for (int c = 0; c < kSide; ++c) {
        // The cell's own positions, read without its lock: positions
        // change only in the move phase.
        Cell &self = cellAt(r, c);
        int32_t own[kParticles][2];
        for (int p = 0; p < kParticles; ++p) {
          own[p][0] = self.pos[p][0];
          own[p][1] = self.pos[p][1];
        }
        for (int dr = -1; dr <= 1; ++dr)
          for (int dc = -1; dc <= 1; ++dc) {
            int nr = (r + dr + kSide) % kSide;
            int nc = (c + dc + kSide) % kSide;
            interact(own, cellAt(nr, nc));
          }
      }
    pthread_barrier_wait(&barrier);
    // Move phase: only the owner touches its cells.
    for (int r = rowLo; r < rowHi; ++r)
      for (int c = 0; c < kSide; ++c) {
        Cell &self = cellAt(r, c);
        for (int p = 0; p < kParticles; ++p) {
          self.pos[p][0] += static_cast<int32_t>(self.force[p] & 7) - 3;
          self.pos[p][1] += static_cast<int32_t>((self.force[p] >> 3) & 7) - 3;
          self.force[p] = 0;
        }
      }
    pthread_barrier_wait(&barrier);
  }
  uint64_t sum = 0;
  for (int r = rowLo; r < rowHi; ++r)
    for (int c = 0; c < kSide; ++c)
      for (int p = 0; p < kParticles; ++p)
        sum = sum * 1000003 + static_cast<uint32_t>(cellAt(r, c).pos[p][0]) +
              static_cast<uint32_t>(cellAt(r, c).pos[p][1]);
  *out = sum;
}

} // namespace

int main(int argc, char **argv) {
  double scale = workloadScale(argc, argv);
  int steps = static_cast<int>(kDefaultSteps * scale);
  steps = steps < 1 ? 1 : steps;
  grid = new Cell[kSide * kSide];
  for (int i = 0; i < kSide * kSide; ++i)
    for (int p = 0; p < kParticles; ++p) {
      grid[i].pos[p][0] = (i % kSide) * 64 + p * 7;
      grid[i].pos[p][1] = (i / kSide) * 64 + p * 5;
      grid[i].force[p] = 0;
    }
  pthread_barrier_init(&barrier, nullptr, kThreads);
  uint64_t sums[kThreads] = {};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back(worker, t, steps, &sums[t]);
  for (auto &t : threads)
    t.join();
  pthread_barrier_destroy(&barrier);
  long pairs = long(steps) * kSide * kSide * 9;
  std::printf("cell_locks: lock_pairs=%ld checksum=%llu\n", pairs,
              static_cast<unsigned long long>(sums[0] ^ (sums[1] * 3)));
  delete[] grid;
  return 0;
}
