// StateView::substate(): a function of the logical state only (checked against a model under
// random operations with snapshots and reverts), and preload(): a fresh view preloaded with
// the substate of step k follows the same later operations to the same substates.
#include "../common/write_set_expect.hpp"
#include "random_state_ops.hpp"
#include "substate_model.hpp"

#include <gtest/gtest.h>

namespace optimist::state::test {
namespace {

bool has_kind(const Substate& s, SubstateKind kind) {
    return std::any_of(s.entries.begin(), s.entries.end(), [&](const SubstateEntry& e) { return e.kind == kind; });
}

// The same writes. `code` is compared where the code hash changed: a view that wrote an
// account's committed code back reports that code again (StateView::write_set's code_changed),
// while a preloaded view, which only knows the substate, does not; both apply the same state.
void expect_same_writes(const WriteSet& a, const WriteSet& b, const StateReader& reader) {
    optimist::test_common::expect_same_writes(a, b, [&reader](const AccountWrite& x) {
        const auto committed = reader.read_account(x.address);
        return !committed || committed->code_hash != x.code_hash || x.storage_cleared;
    });
}

class SubstateTest : public ::testing::Test {
protected:
    InMemoryState reader_ = make_reader();
};

TEST_F(SubstateTest, ReadsAreNotPartOfIt) {
    StateView v(reader_);
    for (std::uint8_t n = 1; n <= kAccounts; ++n) {
        (void)v.balance(account(n));
        (void)v.code(account(n));
        (void)v.storage(account(n), Uint256{1});
        (void)v.original_storage(account(n), Uint256{3});
        (void)v.transient_storage(account(n), Uint256{1});
    }
    EXPECT_EQ(v.substate(), Substate{});
}

TEST_F(SubstateTest, WritingAValueBackLeavesNoTrace) {
    StateView v(reader_);
    v.set_storage(account(3), Uint256{1}, Uint256{8});
    v.set_storage(account(3), Uint256{1}, Uint256{5});  // the committed value
    v.set_storage(account(5), Uint256{1}, Uint256{8});
    v.set_storage(account(5), Uint256{1}, Uint256{0});
    v.set_transient_storage(account(1), Uint256{2}, Uint256{4});
    v.set_transient_storage(account(1), Uint256{2}, Uint256{0});
    EXPECT_EQ(v.substate(), Substate{});
}

TEST_F(SubstateTest, RevertedChangesLeaveNoTrace) {
    StateView v(reader_);
    const std::size_t s = v.snapshot();
    v.set_balance(account(1), Uint256{3});
    v.set_storage(account(4), Uint256{3}, Uint256{0});
    v.create_contract(account(5));
    v.set_code(account(5), {0x00});
    (void)v.access_account(account(2));
    (void)v.access_storage(account(2), Uint256{7});
    v.set_transient_storage(account(2), Uint256{7}, Uint256{1});
    v.add_log(Log{account(2), {}, {1}});
    v.add_refund(4800);
    v.revert(s);
    EXPECT_EQ(v.substate(), Substate{});
}

TEST_F(SubstateTest, EntriesAreSortedByKindAddressAndKey) {
    StateView v(reader_);
    v.set_transient_storage(account(1), Uint256{1}, Uint256{1});
    (void)v.access_storage(account(2), Uint256{2});
    (void)v.access_storage(account(1), Uint256{9});
    (void)v.access_account(account(6));
    v.set_storage(account(4), Uint256{3}, Uint256{1});
    v.set_storage(account(3), Uint256{2}, Uint256{1});
    v.set_balance(account(6), Uint256{1});
    v.create_contract(account(5));
    v.set_code(account(5), {0x5f, 0x00});
    v.add_refund(-7);
    const Substate s = v.substate();
    ASSERT_EQ(s.entries.size(), 8U);
    EXPECT_TRUE(std::is_sorted(s.entries.begin(), s.entries.end(), [](const auto& x, const auto& y) { return key_less(x, y); }));
    for (const SubstateKind k : {SubstateKind::account, SubstateKind::storage, SubstateKind::warm_account,
                                 SubstateKind::warm_slot, SubstateKind::transient}) {
        EXPECT_TRUE(has_kind(s, k));
    }
    EXPECT_EQ(s.refund, -7);
    // The created account carries its new code; its storage base is zero.
    const SubstateEntry& created = s.entries[0];
    EXPECT_EQ(created.address, account(5));
    EXPECT_TRUE(created.created_in_tx && created.storage_cleared && created.touched);
    EXPECT_EQ(created.code, (Bytes{0x5f, 0x00}));
    EXPECT_EQ(created.code_hash, keccak256(Bytes{0x5f, 0x00}));
}

TEST_F(SubstateTest, MatchesAModelUnderRandomOperations) {
    std::mt19937_64 rng(11);
    for (int run = 0; run < 300; ++run) {
        StateView v(reader_);
        SubstateModel m(reader_);
        Snapshots sv;
        Snapshots sm;
        for (int i = 0; i < 120; ++i) {
            const Op op = random_op(rng);
            apply(v, op, sv);
            apply(m, op, sm);
            ASSERT_EQ(v.substate(), m.substate()) << "run " << run << " op " << i << " kind " << int(op.kind);
        }
        // Through an image, too.
        auto copy = StateView::deserialize(reader_, v.serialize());
        ASSERT_TRUE(copy.ok()) << copy.error();
        EXPECT_EQ(copy->substate(), v.substate());
    }
}

TEST_F(SubstateTest, PreloadedViewFollowsTheSameOperations) {
    std::mt19937_64 rng(12);
    for (int run = 0; run < 300; ++run) {
        std::vector<Op> ops(150);
        for (Op& op : ops) op = random_op(rng);
        const std::size_t k = rng() % ops.size();

        StateView a(reader_);
        Snapshots sa;
        for (std::size_t i = 0; i < k; ++i) apply(a, ops[i], sa);
        const Substate at_k = a.substate();

        StateView b(reader_);
        auto loaded = b.preload(at_k);
        ASSERT_TRUE(loaded.ok()) << loaded.error();
        ASSERT_EQ(b.substate(), at_k) << "run " << run;
        // The reader still supplies committed values behind preloaded entries.
        for (std::uint8_t n = 1; n <= kAccounts; ++n) {
            for (std::uint64_t key = 0; key < 4; ++key) {
                ASSERT_EQ(a.original_storage(account(n), Uint256{key}), b.original_storage(account(n), Uint256{key}));
            }
            ASSERT_EQ(a.has_committed_storage(account(n)), b.has_committed_storage(account(n)));
            ASSERT_EQ(a.code(account(n)).size(), b.code(account(n)).size());
            ASSERT_EQ(a.is_empty(account(n)), b.is_empty(account(n)));
        }

        // Later reverts go only to snapshots taken after k: the verifier's view has no others.
        sa.floor = sa.taken.size();
        Snapshots sb;
        for (std::size_t i = k; i < ops.size(); ++i) {
            apply(a, ops[i], sa);
            apply(b, ops[i], sb);
            ASSERT_EQ(a.substate(), b.substate()) << "run " << run << " op " << i;
        }
        a.finalize();
        b.finalize();
        expect_same_writes(a.write_set(), b.write_set(), reader_);
        if (HasFatalFailure()) return;
    }
}

TEST_F(SubstateTest, PreloadTakesCommittedValuesFromTheReader) {
    Substate s;
    SubstateEntry e;
    e.kind = SubstateKind::storage;
    e.address = account(3);
    e.key = Uint256{1};
    e.value = Uint256{9};
    s.entries.push_back(e);
    StateView v(reader_);
    ASSERT_TRUE(v.preload(s).ok());
    EXPECT_EQ(v.storage(account(3), Uint256{1}), Uint256{9});
    EXPECT_EQ(v.original_storage(account(3), Uint256{1}), Uint256{5});
    EXPECT_EQ(v.storage(account(3), Uint256{2}), Uint256{6});  // not preloaded: read through
    EXPECT_EQ(v.balance(account(3)), Uint256{7});
    const ReadSet reads = v.read_set();
    EXPECT_NE(std::find(reads.storage.begin(), reads.storage.end(), std::pair{account(3), Uint256{1}}),
              reads.storage.end());
    v.set_storage(account(3), Uint256{1}, Uint256{5});
    EXPECT_EQ(v.substate(), Substate{});
}

TEST_F(SubstateTest, PreloadRejectsMalformedSubstates) {
    const auto rejected = [&](const Substate& s) {
        StateView v(reader_);
        auto r = v.preload(s);
        // A rejected substate leaves the view fresh.
        const bool fresh = v.substate() == Substate{} && v.read_set().accounts.empty();
        return !r.ok() && fresh;
    };
    SubstateEntry acc;
    acc.kind = SubstateKind::account;
    acc.address = account(5);
    acc.exists = true;
    acc.nonce = 1;
    acc.created_in_tx = true;
    acc.storage_cleared = true;
    acc.touched = true;
    acc.code = {0x00};
    acc.code_hash = keccak256(acc.code);
    SubstateEntry warm;
    warm.kind = SubstateKind::warm_account;
    warm.address = account(1);

    Substate good{{acc, warm}, 0, {}};
    StateView v(reader_);
    ASSERT_TRUE(v.preload(good).ok());
    EXPECT_FALSE(v.preload(good).ok()) << "not fresh";

    EXPECT_TRUE(rejected(Substate{{warm, acc}, 0, {}})) << "out of order";
    EXPECT_TRUE(rejected(Substate{{acc, acc}, 0, {}})) << "repeated";
    SubstateEntry x = acc;
    x.code = {0x01};
    EXPECT_TRUE(rejected(Substate{{x}, 0, {}})) << "code not matching its hash";
    x = acc;
    x.code.clear();
    EXPECT_TRUE(rejected(Substate{{x}, 0, {}})) << "new code missing";
    x = acc;
    x.address = account(1);  // unchanged code: must not come with code
    x.created_in_tx = false;
    x.storage_cleared = false;
    x.code_hash = kEmptyCodeHash;
    x.code = {0x00};
    EXPECT_TRUE(rejected(Substate{{x}, 0, {}})) << "code of an account whose code is committed";
    x = acc;
    x.exists = false;
    EXPECT_TRUE(rejected(Substate{{x}, 0, {}})) << "missing account with fields";
    x = warm;
    x.key = Uint256{1};
    EXPECT_TRUE(rejected(Substate{{x}, 0, {}})) << "account entry with a key";
}

}  // namespace
}  // namespace optimist::state::test
