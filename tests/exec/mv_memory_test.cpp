// The Block-STM building blocks, deterministically: what a reader at transaction i sees in
// the multi-version memory (writes below i, ESTIMATEs, storage wipes, coinbase fee deltas),
// validation of recorded reads, and the scheduler's task order, dependencies and aborts.
// The parallel executor's end-to-end equality with sequential execution is
// parallel_property_test.cpp.
#include "exec/mv_memory.hpp"
#include "exec/mv_reader.hpp"
#include "exec/scheduler.hpp"

#include <optimist/state/in_memory_state.hpp>

#include <gtest/gtest.h>

namespace optimist::exec::detail {
namespace {

Address addr(std::uint8_t b) {
    Address a;
    a[19] = b;
    return a;
}

Write storage_write(const Address& a, std::uint64_t slot, std::uint64_t value) {
    Write w;
    w.location = Location{a, LocationKind::storage, Uint256{slot}};
    w.value.word = Uint256{value};
    return w;
}

Write balance_write(const Address& a, std::uint64_t value, bool delta = false) {
    Write w;
    w.location = Location{a, LocationKind::balance, {}};
    w.value.word = Uint256{value};
    w.value.delta = delta;
    return w;
}

Write info_write(const Address& a, bool exists, std::uint64_t nonce, bool wipes) {
    Write w;
    w.location = Location{a, LocationKind::info, {}};
    w.value.info = AccountInfo{exists, nonce, kEmptyCodeHash, wipes};
    return w;
}

bool record(MvMemory& m, TxIndex tx, std::vector<Write> writes) { return m.record(tx, writes); }

TEST(MvMemory, ReadersSeeTheHighestWriteBelowThem) {
    MvMemory m(8);
    const Address a = addr(1);
    EXPECT_TRUE(record(m, 2, {storage_write(a, 7, 20)}));
    EXPECT_TRUE(record(m, 5, {storage_write(a, 7, 50)}));
    EXPECT_FALSE(m.storage(a, Uint256{7}, 2).found);  // its own write is not below it
    EXPECT_EQ(m.storage(a, Uint256{7}, 3).value, Uint256{20});
    EXPECT_EQ(m.storage(a, Uint256{7}, 5).value, Uint256{20});
    EXPECT_EQ(m.storage(a, Uint256{7}, 6).value, Uint256{50});
    EXPECT_FALSE(m.storage(a, Uint256{8}, 6).found);
}

TEST(MvMemory, EstimatesBlockReadersAndANewIncarnationReplacesTheWrites) {
    MvMemory m(8);
    const Address a = addr(1);
    record(m, 1, {storage_write(a, 1, 10), storage_write(a, 2, 11)});
    m.mark_estimates(1);
    const StorageResolution blocked = m.storage(a, Uint256{1}, 4);
    ASSERT_TRUE(blocked.blocked_by);
    EXPECT_EQ(*blocked.blocked_by, 1U);
    // The next incarnation writes slot 1 only: slot 2's write is gone, and nothing new was written.
    EXPECT_FALSE(record(m, 1, {storage_write(a, 1, 12)}));
    EXPECT_EQ(m.storage(a, Uint256{1}, 4).value, Uint256{12});
    EXPECT_FALSE(m.storage(a, Uint256{2}, 4).found);
    EXPECT_TRUE(record(m, 1, {storage_write(a, 3, 1)}));  // a location the last one did not write
}

TEST(MvMemory, AWipeHidesOlderSlotsButNotLaterOnes) {
    MvMemory m(8);
    const Address a = addr(1);
    record(m, 1, {storage_write(a, 1, 10), storage_write(a, 2, 20)});
    record(m, 3, {info_write(a, true, 1, true), storage_write(a, 2, 30)});  // re-created, slot 2 set again
    const StorageResolution slot1 = m.storage(a, Uint256{1}, 5);
    EXPECT_TRUE(slot1.found);
    EXPECT_TRUE(slot1.value.is_zero());
    EXPECT_EQ(m.storage(a, Uint256{2}, 5).value, Uint256{30});
    EXPECT_EQ(m.storage(a, Uint256{1}, 2).value, Uint256{10});  // below the wipe
    EXPECT_TRUE(m.info(a, 5).storage_wiped);
    EXPECT_FALSE(m.info(a, 3).found);
    // An aborted incarnation of the wiping transaction blocks slot reads above it.
    m.mark_estimates(3);
    EXPECT_TRUE(m.storage(a, Uint256{1}, 5).blocked_by);
}

TEST(MvMemory, BalanceDeltasAddUpToTheLastFullWrite) {
    MvMemory m(8);
    const Address cb = addr(0xcb);
    record(m, 0, {balance_write(cb, 3, true)});
    record(m, 1, {balance_write(cb, 4, true)});
    BalanceResolution r = m.balance(cb, 2);
    EXPECT_FALSE(r.has_base);
    EXPECT_EQ(r.deltas, Uint256{7});
    record(m, 2, {balance_write(cb, 100)});
    record(m, 3, {balance_write(cb, 5, true)});
    r = m.balance(cb, 4);
    EXPECT_TRUE(r.has_base);
    EXPECT_EQ(r.base, Uint256{100});
    EXPECT_EQ(r.deltas, Uint256{5});
}

TEST(MvReader, ComposesAccountsAndValidationNoticesChanges) {
    state::InMemoryState pre;
    state::InMemoryState::StoredAccount acc;
    acc.nonce = 3;
    acc.balance = 1000;
    pre.put_account(addr(1), acc);
    MvMemory m(8);
    DeployedCode code;
    record(m, 0, {balance_write(addr(1), 900)});
    MvReader reader(m, pre, code, 4);
    const auto seen = reader.read_account(addr(1));
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->balance, Uint256{900});
    EXPECT_EQ(seen->nonce, 3U);
    EXPECT_FALSE(reader.read_account(addr(2)));  // absent everywhere
    // A coinbase that exists only through fee deltas is a fresh account.
    record(m, 1, {balance_write(addr(0xcb), 7, true)});
    const auto cb = reader.read_account(addr(0xcb));
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->balance, Uint256{7});
    EXPECT_EQ(reader.read_storage(addr(1), Uint256{5}), Uint256{});
    const ReadSet reads = reader.take_reads();
    EXPECT_TRUE(validate(reads, m, pre, 4));
    record(m, 2, {storage_write(addr(1), 5, 1)});  // a lower transaction writes what was read
    EXPECT_FALSE(validate(reads, m, pre, 4));
    record(m, 2, {storage_write(addr(1), 6, 1)});  // ... and takes it back
    EXPECT_TRUE(validate(reads, m, pre, 4));
    m.mark_estimates(1);
    EXPECT_FALSE(validate(reads, m, pre, 4));
}

TEST(MvReader, AReadThroughAnEstimateIsVoid) {
    state::InMemoryState pre;
    MvMemory m(8);
    DeployedCode code;
    record(m, 2, {storage_write(addr(1), 1, 5)});
    m.mark_estimates(2);
    MvReader reader(m, pre, code, 3);
    EXPECT_EQ(reader.read_storage(addr(1), Uint256{1}), Uint256{});  // the pre-state's value
    ASSERT_TRUE(reader.blocked_by());
    EXPECT_EQ(*reader.blocked_by(), 2U);
}

TEST(Scheduler, ExecutesInOrderThenValidatesAndReExecutesAborted) {
    Scheduler s(3);
    auto t = s.next_task();
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, Task::Kind::execute);
    EXPECT_EQ(t->version.tx, 0U);
    // Executing 0 hands back nothing (validation has not reached it); the next task validates it.
    EXPECT_FALSE(s.finish_execution(t->version, true));
    t = s.next_task();
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, Task::Kind::validate);
    EXPECT_EQ(t->version.tx, 0U);
    EXPECT_FALSE(s.finish_validation(0, false));
    // Transaction 1 runs, fails validation, and comes back as incarnation 1 at once.
    t = s.next_task();
    ASSERT_TRUE(t);
    EXPECT_EQ(t->version.tx, 1U);
    EXPECT_FALSE(s.finish_execution(t->version, true));
    t = s.next_task();
    ASSERT_TRUE(t);
    EXPECT_EQ(t->kind, Task::Kind::validate);
    ASSERT_TRUE(s.try_validation_abort(t->version));
    EXPECT_FALSE(s.try_validation_abort(t->version));  // only one validator wins the abort
    auto again = s.finish_validation(1, true);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->kind, Task::Kind::execute);
    EXPECT_EQ(again->version.tx, 1U);
    EXPECT_EQ(again->version.incarnation, 1U);
    EXPECT_FALSE(s.done());
}

TEST(Scheduler, ADependentWaitsForItsBlockerAndTheBlockFinishes) {
    Scheduler s(2);
    const auto first = s.next_task();  // execute 0
    // Validation is behind execution, so the scheduler first tries (and skips) validating 0.
    EXPECT_FALSE(s.next_task());
    const auto second = s.next_task();  // execute 1
    ASSERT_TRUE(first && second);
    EXPECT_EQ(second->version.tx, 1U);
    EXPECT_TRUE(s.add_dependency(1, 0));  // 1 read an ESTIMATE of 0, which is still running
    EXPECT_FALSE(s.finish_execution(first->version, true));
    // 0 executed: 1 is ready again (incarnation 1) and is the next execution.
    std::optional<Task> t;
    bool reexecuted = false;
    for (int guard = 0; guard < 100 && !s.done(); ++guard) {
        t = s.next_task();
        if (!t) continue;
        if (t->kind == Task::Kind::execute) {
            EXPECT_EQ(t->version.tx, 1U);
            EXPECT_EQ(t->version.incarnation, 1U);
            reexecuted = true;
            if (auto v = s.finish_execution(t->version, false)) {
                EXPECT_FALSE(s.finish_validation(v->version.tx, false));
            }
        } else {
            EXPECT_FALSE(s.finish_validation(t->version.tx, false));
        }
    }
    EXPECT_TRUE(reexecuted);
    EXPECT_TRUE(s.done());
    // A dependency on a transaction that has already executed is refused: run again at once.
    Scheduler s2(2);
    const auto a = s2.next_task();
    EXPECT_FALSE(s2.next_task());
    const auto b = s2.next_task();
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(s2.finish_execution(a->version, true));
    EXPECT_FALSE(s2.add_dependency(1, 0));
}

}  // namespace
}  // namespace optimist::exec::detail
