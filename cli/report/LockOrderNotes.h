#pragma once

#include "Finding.h"

namespace racegate {

// Drops each lock_order_violation whose cycle a lock_order_inversion also
// reports: the same locks, or the same code (the places of its stacks). The
// runtime sees a cycle as a violation as soon as one thread has taken both
// orders, and as an inversion only once another thread can take part; the
// note adds nothing to the inversion, and keeping it would make the report
// depend on which came first.
void dropSupersededLockOrderNotes(Findings &findings);

} // namespace racegate
