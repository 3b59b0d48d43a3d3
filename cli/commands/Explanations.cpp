// The texts behind `racegate explain` and the SARIF rule help. They speak
// the language of the seed examples the testdata ports: critical sections,
// RAII lock guards, one global lock order, predicate loops around condition
// variable waits, and semaphores that remember a signal nobody waited for.

#include "Explanations.h"

#include <array>

namespace racegate {

static constexpr std::array<Explanation, 22> kExplanations = {{
    {"data_race", "Data race",
     "Two threads accessed the same memory location, at least one of them "
     "wrote, and nothing ordered the two accesses: no lock held by both, no "
     "atomic operation, no join, semaphore or other synchronisation between "
     "them.",
     "The C and C++ memory models make a racing program's behaviour "
     "undefined. In practice updates get lost (two increments of a counter "
     "yield one), readers see half-written values, and the compiler may keep "
     "a value in a register so another thread's write is never seen. The "
     "outcome depends on timing, so the bug hides in tests and appears under "
     "load.",
     "Put every access to the shared variable inside a critical section "
     "guarded by the same mutex, taken with an RAII lock guard "
     "(std::lock_guard, std::scoped_lock or std::unique_lock) so it is "
     "released on every path. For a single counter or flag, make it a "
     "std::atomic instead. If one thread hands data to another, publish it "
     "through a synchronising operation (a release store read by an acquire "
     "load, a semaphore, a future, or join) after the writes are done."},
    {"lock_order_inversion", "Lock-order inversion",
     "Threads took the same locks in different orders: one thread held lock "
     "A while taking lock B, another held B while taking A (or a longer "
     "cycle through several locks). Whether or not this run hung, the "
     "orders form a cycle.",
     "If the threads interleave differently, each holds the lock the other "
     "wants and both wait forever: a deadlock waiting for an unlucky "
     "schedule. It is the classic bank-transfer bug.",
     "Define one global lock order (for example by account id or by a fixed "
     "rank per mutex) and always take nested locks in that order. When two "
     "locks must be held together, take them in one step with "
     "std::scoped_lock(a, b) or std::lock(a, b), which avoid deadlock "
     "whatever the order of the arguments. Better still, shrink critical "
     "sections so that no thread holds one lock while taking another."},
    {"lock_order_violation", "Lock-order violation",
     "Locks were taken in orders that form a cycle (A then B, and B then "
     "A), but nothing in this run could deadlock on it: one thread took "
     "both orders, or every critical section of the cycle ran under one "
     "common gate lock, or the critical sections were ordered in every "
     "schedule by thread joins, barriers, latches or semaphores. The "
     "finding says which. It is a note: it does not fail the default gate "
     "(name it in --fail-on to make it).",
     "The code breaks the program's lock order, and only an accident of its "
     "present structure keeps it from deadlocking: the same code run by two "
     "threads at once would deadlock, as would removing the gate lock or "
     "the join, barrier or latch that now keeps the sections apart, or "
     "calling one of the functions from a new thread. Such a latent "
     "inversion is easy to turn into a real one in a later change, and "
     "tools that do not see the ordering (ThreadSanitizer, Helgrind) report "
     "it as a potential deadlock.",
     "Take the locks in one global order everywhere, even where the "
     "ordering makes it harmless today, or take them together with "
     "std::scoped_lock(a, b). If the cycle is intended (a one-time setup "
     "path, say), suppress the finding with a `deadlock:` suppression "
     "naming a function of its stacks."},
    {"deadlock", "Deadlock",
     "The threads named wait for each other in a cycle: each waits for a lock "
     "another one holds, or to join a thread that is itself waiting, or a "
     "thread waits for a lock it already holds. None of them can continue; "
     "racegate ended the program (exit status 86).",
     "A deadlocked program hangs forever, typically holding resources, and "
     "only a watchdog or a human notices.",
     "For a lock cycle, impose a global lock order or take the locks together "
     "with std::scoped_lock. For a thread that locks a mutex it already "
     "holds, release it first, restructure so the inner function expects the "
     "lock to be held, or use std::recursive_mutex if re-entry is really "
     "intended. Never upgrade a shared (read) lock to an exclusive one while "
     "holding it. For join cycles, let one owner join all the threads it "
     "started. Use RAII lock guards so a lock is never held longer than its "
     "scope."},
    {"stall", "Stall",
     "Every live thread of the program is blocked and nothing will wake "
     "them: a condition variable nobody will notify, a semaphore nobody will "
     "release, a barrier or latch that too few threads reach. racegate ended "
     "the program (exit status 86). The report says when a wakeup was lost "
     "(a notify that came while nobody was waiting) and how many parties a "
     "barrier still lacks.",
     "The program hangs. With condition variables this usually happens only "
     "when the notifying thread runs first, so it depends on timing.",
     "Condition variables do not remember notifications: always wait in a "
     "predicate loop (cv.wait(lock, [&] { return ready; })) on state that is "
     "changed under the same mutex before notifying, so a notify that comes "
     "first is not lost. If a signal may come before the wait, use a "
     "semaphore, which remembers a missed signal. Create barriers and latches "
     "with exactly as many parties as will arrive, and make sure every "
     "acquire has a matching release on all paths."},
    {"starvation", "Starvation",
     "A thread waited for a lock far longer than the starvation threshold "
     "(--starvation-threshold, default 1 s) while other threads acquired the "
     "same lock again and again.",
     "The waiting thread makes no progress although the program as a whole "
     "does: requests time out, writers never get in behind a stream of "
     "readers, low-priority work never runs.",
     "Keep critical sections short and do not re-acquire a lock in a tight "
     "loop; do the work outside the lock. Give waiting writers priority over "
     "new readers, or hand out the lock fairly (a ticket lock or a queue). "
     "Sleeping or yielding between acquisitions also gives waiters a chance."},
    {"livelock", "Livelock",
     "Threads kept failing try-locks (try_lock, pthread_mutex_trylock) in "
     "lockstep: each backs off and retries, and the retries keep colliding, "
     "so none of them gets both locks.",
     "The threads are busy but make no progress, burning CPU; it may last "
     "indefinitely or resolve by chance.",
     "Take all the locks in one step with std::scoped_lock or std::lock, "
     "which are designed not to livelock, or follow one global lock order so "
     "blocking locks are safe. If try-and-back-off is necessary, back off for "
     "a randomised, growing time so that the threads fall out of step."},
    {"unlock_not_owned", "Unlock of a lock owned by another thread",
     "A thread unlocked a mutex that another thread holds.",
     "Unlocking a mutex you do not own is undefined behaviour for std::mutex "
     "and an error for error-checking and recursive pthread mutexes, which "
     "refuse it (and the lock then stays held). Either way the owner's "
     "critical section is no longer protected as its author believed.",
     "Unlock in the thread that locked, ideally by using an RAII lock guard "
     "(std::lock_guard, std::unique_lock) whose destructor does it. To let "
     "another thread signal that work is done, use a semaphore, a condition "
     "variable with a predicate, or a future instead of a mutex."},
    {"double_unlock", "Double unlock",
     "A thread unlocked a mutex that was not locked.",
     "Undefined behaviour: it can corrupt the mutex so that it no longer "
     "excludes anyone, or make it unlock another thread's critical section.",
     "Pair every lock with exactly one unlock on every path, which an RAII "
     "lock guard (std::lock_guard, std::scoped_lock) does for you; do not mix "
     "a guard with manual unlock() calls."},
    {"destroy_locked", "Destruction of a locked mutex",
     "A mutex was destroyed (pthread_mutex_destroy, or a std::mutex going out "
     "of scope or being deleted) while it was still locked.",
     "Undefined behaviour: the holder will later unlock freed memory, and "
     "whatever reuses that memory can be corrupted.",
     "Make sure the mutex outlives every thread that uses it: join those "
     "threads before destroying the object that owns the mutex, and release "
     "the lock (with an RAII lock guard scoped inside the owner's lifetime) "
     "before destruction."},
    {"lock_leak", "Lock leak", "A thread ended while still holding a lock.",
     "No other thread can ever take that lock again, so the next one that "
     "tries hangs; usually an early return or an exception skipped the "
     "unlock.",
     "Take locks with an RAII lock guard (std::lock_guard, std::scoped_lock, "
     "std::unique_lock) so that every return and every exception releases "
     "them."},
    {"semaphore_overflow", "Semaphore overflow",
     "A semaphore was released beyond its maximum value, e.g. a "
     "std::binary_semaphore released twice without an acquire in between.",
     "Undefined behaviour for std::counting_semaphore; in practice a permit "
     "is lost or the count exceeds what the design allows, so more threads "
     "enter than intended.",
     "Release a semaphore only for a permit that was acquired, or that it is "
     "meant to hand out, and give it a maximum that covers every permit in "
     "flight. A semaphore remembers a signal sent before anyone waits, but "
     "only up to its maximum."},
    {"condvar_wait_unlocked", "Condition variable wait without its mutex",
     "A thread waited on a condition variable without holding the mutex "
     "passed to the wait.",
     "Undefined behaviour (pthread_cond_wait requires the mutex to be "
     "locked). Without the lock, the check of the condition and the start of "
     "the wait are not atomic, so a notify in between is lost and the waiter "
     "sleeps forever.",
     "Lock the mutex (with std::unique_lock) before waiting, and wait in a "
     "predicate loop on state that is changed under the same mutex: "
     "cv.wait(lock, [&] { return ready; })."},
    {"condvar_multiple_mutexes", "Condition variable used with two mutexes",
     "Waits on one condition variable used different mutexes.",
     "Undefined behaviour for pthread condition variables; the state the "
     "waiters check is then protected by different locks, so a notify can "
     "be lost between the check and the wait.",
     "Associate each condition variable with exactly one mutex, the one that "
     "protects the state its predicate reads, and always wait with that "
     "mutex in a predicate loop."},
    {"thread_leak", "Thread leak",
     "A thread that was created joinable ended, and when the process "
     "exited nobody had joined or detached it.",
     "A joinable thread's stack and descriptor are kept until it is joined, "
     "so a program that keeps starting threads this way runs out of memory "
     "or threads. It usually also means a result the thread produced, or "
     "the fact that it finished, is never checked.",
     "Join every thread you create (std::thread::join, std::jthread, "
     "pthread_join) before the data it uses goes away, or detach it "
     "explicitly (pthread_detach, or create it with "
     "PTHREAD_CREATE_DETACHED) if nobody needs to wait for it."},
    {"invalid_thread_op", "Invalid join or detach",
     "A thread was joined or detached after it had already been joined or "
     "detached: its handle was no longer valid.",
     "Undefined behaviour: the thread's descriptor may already be freed or "
     "belong to a new thread, so the call may crash, hang, or join a thread "
     "the caller never meant. racegate refuses the call with EINVAL.",
     "Give each thread exactly one owner that either joins it once or "
     "detaches it once; std::thread and std::jthread enforce this (check "
     "joinable() first), and a thread handle should not be used after the "
     "join."},
    {"barrier_misuse", "Barrier misuse",
     "A barrier was initialized with a count of 0, so no round can ever "
     "complete; or it was destroyed or initialized again while threads were "
     "waiting at it in a round that had not completed.",
     "pthread_barrier_init fails with EINVAL for a count of 0; a program "
     "that goes on to wait on the barrier waits on an object that was never "
     "initialized, which is undefined behaviour. Destroying or resetting a "
     "barrier with waiters is undefined too: the waiters are stranded (glibc "
     "may wait for them forever) or released early. racegate refuses such a "
     "destroy or init with EBUSY.",
     "Initialize the barrier with the number of threads that will call "
     "pthread_barrier_wait in each round (at least 1), check the result of "
     "pthread_barrier_init, and destroy the barrier only after the last "
     "round."},
    {"sync_reinit", "Synchronization object initialized while in use",
     "pthread_mutex_init, pthread_rwlock_init or pthread_spin_init was "
     "called on a lock that a thread still held, or sem_init or "
     "pthread_cond_init on a semaphore or condition variable that threads "
     "were waiting on.",
     "Undefined behaviour: the holder believes it is inside a critical "
     "section that the re-initialized lock no longer protects, so another "
     "thread can enter it at the same time; its later unlock releases a "
     "lock it does not hold. Threads waiting on a re-initialized semaphore "
     "or condition variable may never be woken (glibc forgets them).",
     "Initialize each lock exactly once before any thread uses it (a static "
     "initializer, or pthread_once), and destroy and re-initialize it only "
     "when no thread holds or waits for it, e.g. after joining the threads "
     "that use it."},
    {"sync_call_failed", "Synchronization call failed",
     "A pthread or semaphore call returned EINVAL, EPERM or EDEADLK: the "
     "object was not initialized, the caller did not own it, or the call "
     "would have made the caller wait for itself. The finding names the "
     "call and the error.",
     "Such an error is always a bug in how the primitive is used, even when "
     "the program checks it: the lock it meant to take is not taken, the "
     "wait it meant to do does not happen, and the data it guards is then "
     "used unprotected.",
     "Initialize every mutex, condition variable and semaphore before use "
     "and destroy it only after its last use; unlock only what the thread "
     "locked; do not relock a non-recursive mutex the thread holds (use an "
     "RAII lock guard at one level, or a recursive mutex if reentry is "
     "intended)."},
    {"lock_destroyed", "Use of a destroyed or uninitialized lock",
     "A mutex, reader/writer lock or condition variable was locked, "
     "unlocked, waited on, notified or destroyed after it had been "
     "destroyed, or before it was ever initialized (its bytes are not those "
     "of any initialized object).",
     "Undefined behaviour: glibc fails some of these calls with EINVAL, so "
     "the critical section runs unprotected, and lets others through on "
     "stale state, where they may hang or corrupt an object that later "
     "lives at the same address. It usually means an object was used after "
     "its owner tore it down, or a lock in malloc'ed memory was never "
     "initialized.",
     "Initialize every lock and condition variable before any thread uses "
     "it (pthread_*_init or a static initializer) and destroy it only after "
     "joining every thread that uses it. Prefer std::mutex, "
     "std::shared_mutex and std::condition_variable as members of the "
     "object they protect, so their lifetime is the object's."},
    {"condvar_destroy_busy", "Condition variable destroyed while waited on",
     "pthread_cond_destroy was called while threads were blocked on the "
     "condition variable and no notify had woken them.",
     "Undefined behaviour: glibc's pthread_cond_destroy waits for the "
     "waiters to leave, so the program hangs; elsewhere the waiters are "
     "stranded on freed memory. racegate refuses the destroy with EBUSY.",
     "Wake every waiter first (set the predicate and pthread_cond_broadcast "
     "under the mutex) and destroy the condition variable only after the "
     "waiting threads are done with it, e.g. after joining them; destroying "
     "right after a broadcast is allowed."},
    {"timeout", "Timeout",
     "The program was still running when its time limit (--timeout) ran "
     "out. racegate stopped it (the runtime exits with status 124 after "
     "reporting what every thread was doing; racegate kills the program "
     "3 s later if it did not).",
     "Not necessarily a bug: the program may simply be slow. It may also "
     "be stuck in a way racegate cannot prove, such as a busy-wait loop on a "
     "plain variable.",
     "Look at what each thread was doing in the report. Replace busy-waiting "
     "on plain variables with a std::atomic flag, a condition variable with "
     "a predicate loop, or a semaphore; if the program is just slow, raise "
     "--timeout."},
}};

std::optional<Explanation> explanationFor(std::string_view kind) {
  for (const Explanation &explanation : kExplanations)
    if (explanation.kind == kind)
      return explanation;
  return std::nullopt;
}

} // namespace racegate
