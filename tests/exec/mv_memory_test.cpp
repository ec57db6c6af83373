// The Block-STM building blocks, deterministically: what a reader at transaction i sees in
// the multi-version memory (writes below i, ESTIMATEs, storage wipes), the coinbase's
// balance with lazily paid fees, validation of recorded reads, and the scheduler's task order, dependencies and aborts.
// The parallel executor's end-to-end equality with sequential execution is
// parallel_property_test.cpp.
#include "exec/conflict_guard.hpp"
#include "exec/mv_memory.hpp"
#include "exec/mv_reader.hpp"
#include "exec/scheduler.hpp"

#include <optimist/state/in_memory_state.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>
#include <vector>

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

Write balance_write(const Address& a, std::uint64_t value) {
    Write w;
    w.location = Location{a, LocationKind::account, {}};
    w.value.word = Uint256{value};
    w.value.fields = kBalanceField;
    return w;
}

// Fees deferred by transaction, as the executor's slots hold them.
class FakeFees final : public DeferredFees {
public:
    std::map<TxIndex, std::uint64_t> fees;
    Uint256 sum(TxIndex from, TxIndex to) const override {
        Uint256 total;
        for (const auto& [tx, fee] : fees) {
            if (tx >= from && tx < to) total += Uint256{fee};
        }
        return total;
    }
};

const Address kCoinbase = [] {
    Address a;
    a[19] = 0xcb;
    return a;
}();

// A memory for an 8-transaction block and what a reader sees it through.
struct View {
    state::InMemoryState pre;
    MvMemory memory;
    DeployedCode code;
    FakeFees fees;
    MvContext ctx{memory, pre, code, kCoinbase, fees};
    View() { memory.begin(8); }
};

Write info_write(const Address& a, bool exists, std::uint64_t nonce, bool wipes) {
    Write w;
    w.location = Location{a, LocationKind::account, {}};
    w.value.info = AccountInfo{exists, nonce, kEmptyCodeHash, wipes};
    w.value.fields = kInfoField;
    return w;
}

// Both fields of an account in one write, as the executor records them.
Write account_write(const Write& info, const Write& balance) {
    Write w = info;
    w.value.word = balance.value.word;
    w.value.fields = kInfoField | kBalanceField;
    return w;
}

bool record(MvMemory& m, TxIndex tx, std::vector<Write> writes) {
    const RecordResult r = m.record(tx, writes);
    EXPECT_NE(r, RecordResult::full);
    return r == RecordResult::new_location;
}

TEST(MvMemory, ReadersSeeTheHighestWriteBelowThem) {
    MvMemory m;
    m.begin(8);
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
    MvMemory m;
    m.begin(8);
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
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 1, {storage_write(a, 1, 10), storage_write(a, 2, 20)});
    record(m, 3, {info_write(a, true, 1, true), storage_write(a, 2, 30)});  // re-created, slot 2 set again
    const StorageResolution slot1 = m.storage(a, Uint256{1}, 5);
    EXPECT_TRUE(slot1.found);
    EXPECT_TRUE(slot1.value.is_zero());
    EXPECT_EQ(m.storage(a, Uint256{2}, 5).value, Uint256{30});
    EXPECT_EQ(m.storage(a, Uint256{1}, 2).value, Uint256{10});  // below the wipe
    EXPECT_TRUE(m.account(a, 5).info.storage_wiped);
    EXPECT_FALSE(m.account(a, 3).info.found);
    // An aborted incarnation of the wiping transaction blocks slot reads above it.
    m.mark_estimates(3);
    EXPECT_TRUE(m.storage(a, Uint256{1}, 5).blocked_by);
}

// A block that writes more locations than the memory was sized for fills it; the next block
// gets room for more, and a new block starts empty (what the last one wrote is gone).
TEST(MvMemory, RunsOutOfRoomThenGrowsForTheNextBlock) {
    MvMemory m;
    const Address a = addr(1);
    std::vector<Write> many;
    for (std::uint64_t k = 0; k < 5000; ++k) many.push_back(storage_write(a, k, k + 1));
    int blocks = 0;
    RecordResult r = RecordResult::full;
    for (; r == RecordResult::full && blocks < 4; ++blocks) {
        m.begin(2);
        r = m.record(0, many);
        m.release(0, 1);
    }
    EXPECT_GT(blocks, 1);
    ASSERT_EQ(r, RecordResult::new_location);
    m.begin(2);
    EXPECT_FALSE(m.storage(a, Uint256{7}, 1).found);
    EXPECT_EQ(m.record(0, many), RecordResult::new_location);
    for (std::uint64_t k = 0; k < 5000; k += 97) EXPECT_EQ(m.storage(a, Uint256{k}, 1).value, Uint256{k + 1});
}

// Threads adding the same locations at once end up with one version list per location: every
// transaction's write is seen by the readers above it.
TEST(MvMemory, ConcurrentWritersShareOneListPerLocation) {
    constexpr TxIndex kTxs = 64;
    constexpr std::uint64_t kSlots = 300;
    MvMemory m;
    for (int round = 0; round < 3; ++round) {
        m.begin(kTxs);
        std::vector<std::thread> workers;
        std::atomic<TxIndex> next{0};
        for (int t = 0; t < 4; ++t) {
            workers.emplace_back([&] {
                for (TxIndex tx = next++; tx < kTxs; tx = next++) {
                    std::vector<Write> writes;
                    // Transaction tx writes the slots that are multiples of (tx % 7 + 1), value tx.
                    for (std::uint64_t k = 0; k < kSlots; k += tx % 7 + 1) writes.push_back(storage_write(addr(2), k, tx + 1));
                    EXPECT_NE(m.record(tx, writes), RecordResult::full);
                }
            });
        }
        for (std::thread& w : workers) w.join();
        for (std::uint64_t k = 0; k < kSlots; ++k) {
            for (TxIndex reader : {TxIndex{1}, TxIndex{20}, kTxs}) {
                std::optional<TxIndex> highest;
                for (TxIndex tx = 0; tx < reader; ++tx) {
                    if (k % (tx % 7 + 1) == 0) highest = tx;
                }
                const StorageResolution r = m.storage(addr(2), Uint256{k}, reader);
                ASSERT_EQ(r.found, highest.has_value()) << "slot " << k << " reader " << reader;
                if (highest) {
                    EXPECT_EQ(r.value, Uint256{*highest + 1});
                }
            }
        }
        m.release(0, 1);
    }
}

// Slot reads skip looking for wipes until the block has one, or an account-info write was
// aborted (its next incarnation may wipe): from then on such a write blocks the slots above.
TEST(MvMemory, AnAbortedInfoWriteBlocksSlotReadsEvenBeforeAnyWipe) {
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 0, {storage_write(a, 1, 7)});
    record(m, 1, {info_write(a, true, 5, false)});  // a nonce change, no wipe
    EXPECT_EQ(m.storage(a, Uint256{1}, 3).value, Uint256{7});
    m.mark_estimates(1);
    const StorageResolution r = m.storage(a, Uint256{1}, 3);
    ASSERT_TRUE(r.blocked_by);
    EXPECT_EQ(*r.blocked_by, 1U);
    EXPECT_FALSE(m.storage(a, Uint256{1}, 1).blocked_by);  // below the aborted writer nothing changes
}

// An account's info and balance share one location but are versioned apart: a reader takes
// each field from the highest write below it that set that field, and an aborted write
// blocks only the readers of the fields it set.
TEST(MvMemory, AccountFieldsResolveApartInOneLocation) {
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 1, {balance_write(a, 10)});
    record(m, 2, {info_write(a, true, 4, false)});
    const auto at3 = m.account(a, 3);
    ASSERT_TRUE(at3.info.found);
    EXPECT_EQ(at3.info.info.nonce, 4U);
    ASSERT_TRUE(at3.balance.found);
    EXPECT_EQ(at3.balance.value, Uint256{10});
    EXPECT_EQ(at3.balance.writer, 1U);
    const auto at2 = m.account(a, 2);
    EXPECT_FALSE(at2.info.found);
    EXPECT_EQ(at2.balance.value, Uint256{10});
    EXPECT_EQ(m.account(a, 3).info.info.nonce, 4U);
    EXPECT_EQ(m.account(a, 3).balance.value, Uint256{10});

    m.mark_estimates(1);  // the balance writer aborted: balance readers wait, info readers do not
    const auto blocked = m.account(a, 3);
    EXPECT_FALSE(blocked.info.blocked_by);
    EXPECT_EQ(blocked.info.info.nonce, 4U);
    ASSERT_TRUE(blocked.balance.blocked_by);
    EXPECT_EQ(*blocked.balance.blocked_by, 1U);
    EXPECT_TRUE(m.account(a, 3).balance.blocked_by);

    m.mark_estimates(2);  // the info writer aborted too: it blocks first
    const auto both = m.account(a, 3);
    ASSERT_TRUE(both.info.blocked_by);
    EXPECT_EQ(*both.info.blocked_by, 2U);
}

// An aborted write that set only an account's balance cannot wipe its storage: slot reads
// above it are not blocked (only an aborted info write may come back as a wipe).
TEST(MvMemory, AnAbortedBalanceWriteDoesNotBlockSlotReads) {
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 0, {storage_write(a, 1, 7)});
    record(m, 1, {balance_write(a, 5)});
    m.mark_estimates(1);
    const StorageResolution r = m.storage(a, Uint256{1}, 3);
    EXPECT_FALSE(r.blocked_by);
    EXPECT_EQ(r.value, Uint256{7});
    EXPECT_TRUE(m.account(a, 3).balance.blocked_by);
}

// A block given up early releases only its first transactions' records; the next block's
// transactions, above and below that bound, start with nothing recorded.
TEST(MvMemory, APartialReleaseLeavesTheNextBlockClean) {
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 0, {storage_write(a, 1, 1)});
    record(m, 2, {storage_write(a, 2, 2)});
    m.release(0, 1, 3);
    m.begin(8);
    EXPECT_FALSE(m.storage(a, Uint256{1}, 7).found);
    EXPECT_FALSE(m.storage(a, Uint256{2}, 7).found);
    // Transaction 2's first incarnation in the new block: every location is new to it.
    EXPECT_TRUE(record(m, 2, {storage_write(a, 3, 3)}));
    EXPECT_TRUE(record(m, 5, {storage_write(a, 2, 4)}));
    EXPECT_EQ(m.storage(a, Uint256{3}, 7).value, Uint256{3});
    EXPECT_EQ(m.storage(a, Uint256{2}, 7).value, Uint256{4});
}

// A new incarnation that sets a field its last one did not reports it like a new location
// (readers above may have read past it); one that sets fewer fields does not, and the field it
// no longer sets resolves below it.
TEST(MvMemory, ANewFieldAtTheSameAccountCountsAsANewLocation) {
    MvMemory m;
    m.begin(8);
    const Address a = addr(1);
    record(m, 0, {balance_write(a, 5)});
    EXPECT_TRUE(record(m, 2, {balance_write(a, 7)}));
    EXPECT_FALSE(record(m, 2, {balance_write(a, 8)}));
    EXPECT_TRUE(record(m, 2, {account_write(info_write(a, true, 1, false), balance_write(a, 9))}));
    EXPECT_FALSE(record(m, 2, {info_write(a, true, 2, false)}));
    const auto at3 = m.account(a, 3);
    EXPECT_EQ(at3.info.info.nonce, 2U);
    EXPECT_EQ(at3.balance.value, Uint256{5});  // transaction 0's: 2 no longer sets it
    EXPECT_EQ(at3.balance.writer, 0U);
}

// A window of 24 with a 40% limit: a window that ends with at most 9 conflicts passes, and
// the next starts afresh; the 10th conflict fails its window at once.
TEST(ConflictGuard, JudgesWindowsAndGivesUpOnceAWindowCannotPass) {
    ConflictGuard guard(24, 0.4);
    for (int k = 0; k < 24; ++k) EXPECT_FALSE(guard.before_execution(k % 3 == 0)) << k;  // 8 of 24
    for (int k = 0; k < 9; ++k) EXPECT_FALSE(guard.before_execution(true)) << k;
    EXPECT_TRUE(guard.before_execution(true));  // 10 conflicts in 10 executions: 10 > 9.6

    // Executions stopped at an ESTIMATE count as conflicts too.
    ConflictGuard stopped(24, 0.4);
    for (int k = 0; k < 5; ++k) {
        EXPECT_FALSE(stopped.before_execution(false));
        stopped.stopped_by_dependency();
    }
    for (int k = 0; k < 4; ++k) EXPECT_FALSE(stopped.before_execution(true));
    EXPECT_TRUE(stopped.before_execution(true));

    // A window that never conflicts passes forever.
    ConflictGuard calm(24, 0.4);
    for (int k = 0; k < 1000; ++k) ASSERT_FALSE(calm.before_execution(false));
    // A negative share gives up at the end of the first window, or at its first conflict.
    ConflictGuard always(3, -1.0);
    EXPECT_FALSE(always.before_execution(false));
    EXPECT_FALSE(always.before_execution(false));
    EXPECT_TRUE(always.before_execution(false));
    ConflictGuard first_conflict(3, 0.0);
    EXPECT_FALSE(first_conflict.before_execution(false));
    EXPECT_TRUE(first_conflict.before_execution(true));
}

TEST(MvReader, TheCoinbaseBalanceAddsTheFeesDeferredSinceItsLastWrite) {
    View v;
    MvMemory& m = v.memory;
    FakeFees& fees = v.fees;
    const MvContext& ctx = v.ctx;
    fees.fees = {{0, 3}, {1, 4}};
    // Absent before the block, brought into existence by the fees alone.
    auto cb = MvReader(ctx, 2).read_account(kCoinbase);
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->balance, Uint256{7});
    EXPECT_EQ(cb->nonce, 0U);
    // Transaction 2 loaded the coinbase and paid in place: its write holds the fees below it.
    record(m, 2, {account_write(info_write(kCoinbase, true, 0, false), balance_write(kCoinbase, 100))});
    fees.fees[3] = 5;
    cb = MvReader(ctx, 4).read_account(kCoinbase);
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->balance, Uint256{105});
    EXPECT_FALSE(MvReader(ctx, 0).read_account(kCoinbase));
}

TEST(MvReader, ComposesAccountsAndValidationNoticesChanges) {
    View v;
    state::InMemoryState::StoredAccount acc;
    acc.nonce = 3;
    acc.balance = 1000;
    v.pre.put_account(addr(1), acc);
    MvMemory& m = v.memory;
    FakeFees& fees = v.fees;
    const MvContext& ctx = v.ctx;
    record(m, 0, {balance_write(addr(1), 900)});
    MvReader reader(ctx, 4);
    const auto seen = reader.read_account(addr(1));
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->balance, Uint256{900});
    EXPECT_EQ(seen->nonce, 3U);
    EXPECT_FALSE(reader.read_account(addr(2)));  // absent everywhere
    fees.fees[1] = 7;
    const auto cb = reader.read_account(kCoinbase);
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->balance, Uint256{7});
    EXPECT_EQ(reader.read_storage(addr(1), Uint256{5}), Uint256{});
    const ReadSet reads = reader.reads();
    EXPECT_TRUE(validate(reads, ctx, 4));
    record(m, 2, {storage_write(addr(1), 5, 1)});  // a lower transaction writes what was read
    EXPECT_FALSE(validate(reads, ctx, 4));
    record(m, 2, {storage_write(addr(1), 6, 1)});  // ... and takes it back
    EXPECT_TRUE(validate(reads, ctx, 4));
    fees.fees[3] = 1;  // a lower transaction's fee changed
    EXPECT_FALSE(validate(reads, ctx, 4));
    fees.fees.erase(3);
    record(m, 1, {storage_write(addr(1), 5, 0)});  // writes the value read (zero) ...
    EXPECT_TRUE(validate(reads, ctx, 4));
    m.mark_estimates(1);  // ... but is aborted: its write can no longer be trusted
    EXPECT_FALSE(validate(reads, ctx, 4));
}

TEST(MvReader, AReadThroughAnEstimateIsVoid) {
    View v;
    MvMemory& m = v.memory;
    const MvContext& ctx = v.ctx;
    record(m, 2, {storage_write(addr(1), 1, 5)});
    m.mark_estimates(2);
    MvReader reader(ctx, 3);
    EXPECT_EQ(reader.read_storage(addr(1), Uint256{1}), Uint256{});  // the pre-state's value
    ASSERT_TRUE(reader.blocked_by());
    EXPECT_EQ(*reader.blocked_by(), 2U);
}

TEST(Scheduler, ExecutesInOrderThenValidatesAndReExecutesAborted) {
    Scheduler s;
    s.reset(3);
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
    Scheduler s;
    s.reset(2);
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
    Scheduler s2;
    s2.reset(2);
    const auto a = s2.next_task();
    EXPECT_FALSE(s2.next_task());
    const auto b = s2.next_task();
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(s2.finish_execution(a->version, true));
    EXPECT_FALSE(s2.add_dependency(1, 0));
}

}  // namespace
}  // namespace optimist::exec::detail
