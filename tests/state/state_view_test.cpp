#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_view.hpp>

#include <gtest/gtest.h>

namespace optimist::state {
namespace {

Address addr(std::uint8_t n) {
    Address a;
    a[19] = n;
    return a;
}

class StateViewTest : public ::testing::Test {
protected:
    void SetUp() override {
        committed_.put_account(addr(1), {.nonce = 5, .balance = Uint256(100), .code = {}, .storage = {}});
        committed_.put_account(addr(2), {.nonce = 1, .balance = Uint256(0), .code = {0x00},
                                         .storage = {{Uint256(1), Uint256(11)}, {Uint256(2), Uint256(22)}}});
    }
    InMemoryState committed_;
};

TEST_F(StateViewTest, ReadsThroughToTheReader) {
    StateView v(committed_);
    EXPECT_TRUE(v.exists(addr(1)));
    EXPECT_FALSE(v.exists(addr(9)));
    EXPECT_TRUE(v.is_empty(addr(9)));
    EXPECT_EQ(v.nonce(addr(1)), 5u);
    EXPECT_EQ(v.balance(addr(1)), Uint256(100));
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(11));
    EXPECT_EQ(v.storage(addr(2), Uint256(3)), Uint256(0));
    EXPECT_EQ(v.code(addr(2)).size(), 1u);
    EXPECT_TRUE(v.has_committed_storage(addr(2)));
    EXPECT_FALSE(v.has_committed_storage(addr(1)));
    EXPECT_TRUE(v.write_set().accounts.empty());
}

TEST_F(StateViewTest, RevertRestoresEverythingSinceTheSnapshot) {
    StateView v(committed_);
    v.set_storage(addr(2), Uint256(1), Uint256(12));
    const auto snap = v.snapshot();
    v.set_balance(addr(1), Uint256(50));
    v.set_nonce(addr(1), 6);
    v.set_storage(addr(2), Uint256(1), Uint256(13));
    v.set_transient_storage(addr(2), Uint256(1), Uint256(99));
    v.add_log(Log{addr(2), {}, {}});
    v.add_refund(4800);
    EXPECT_FALSE(v.access_account(addr(7)));
    EXPECT_FALSE(v.access_storage(addr(2), Uint256(5)));
    v.set_code(addr(3), Bytes{0x60, 0x01});
    EXPECT_TRUE(v.exists(addr(3)));

    v.revert(snap);
    EXPECT_EQ(v.balance(addr(1)), Uint256(100));
    EXPECT_EQ(v.nonce(addr(1)), 5u);
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(12));
    EXPECT_EQ(v.transient_storage(addr(2), Uint256(1)), Uint256(0));
    EXPECT_TRUE(v.logs().empty());
    EXPECT_EQ(v.refund(), 0);
    EXPECT_FALSE(v.is_warm(addr(7)));
    EXPECT_FALSE(v.access_storage(addr(2), Uint256(5)));  // cold again after the revert
    EXPECT_FALSE(v.exists(addr(3)));
    EXPECT_EQ(v.code_hash(addr(3)), kEmptyCodeHash);
}

TEST_F(StateViewTest, OriginalStorageIsTheValueAtTransactionStart) {
    StateView v(committed_);
    v.set_storage(addr(2), Uint256(1), Uint256(0));
    v.set_storage(addr(2), Uint256(1), Uint256(5));
    EXPECT_EQ(v.original_storage(addr(2), Uint256(1)), Uint256(11));
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(5));
}

TEST_F(StateViewTest, WriteSetHoldsOnlyChangesSorted) {
    StateView v(committed_);
    v.set_storage(addr(2), Uint256(2), Uint256(22));  // unchanged value
    v.set_storage(addr(2), Uint256(1), Uint256(0));   // deletes
    v.add_balance(addr(4), Uint256(7));               // new account
    v.finalize();
    const WriteSet ws = v.write_set();
    ASSERT_EQ(ws.accounts.size(), 2u);
    EXPECT_EQ(ws.accounts[0].address, addr(2));
    ASSERT_EQ(ws.accounts[0].storage.size(), 1u);
    EXPECT_EQ(ws.accounts[0].storage[0].key, Uint256(1));
    EXPECT_TRUE(ws.accounts[0].storage[0].value.is_zero());
    EXPECT_EQ(ws.accounts[1].address, addr(4));
    EXPECT_EQ(ws.accounts[1].balance, Uint256(7));

    InMemoryState after = committed_;
    after.apply(ws);
    EXPECT_EQ(after.read_storage(addr(2), Uint256(1)), Uint256(0));
    EXPECT_EQ(after.read_storage(addr(2), Uint256(2)), Uint256(22));
    EXPECT_EQ(after.read_account(addr(4))->balance, Uint256(7));
}

TEST_F(StateViewTest, TouchedEmptyAccountsAreDeletedAtFinalize) {
    StateView v(committed_);
    v.add_balance(addr(5), Uint256(0));  // touch of a missing account: nothing to write
    v.set_balance(addr(1), Uint256(0));
    v.set_nonce(addr(1), 0);  // addr(1) is now empty
    v.finalize();
    const WriteSet ws = v.write_set();
    ASSERT_EQ(ws.accounts.size(), 1u);
    EXPECT_EQ(ws.accounts[0].address, addr(1));
    EXPECT_TRUE(ws.accounts[0].deleted);
}

TEST_F(StateViewTest, SelfdestructDeletesOnlyAccountsCreatedInTheTransaction) {
    StateView v(committed_);
    // Pre-existing contract: balance moves, the account stays (EIP-6780).
    v.add_balance(addr(2), Uint256(30));
    v.selfdestruct(addr(2), addr(1));
    EXPECT_EQ(v.balance(addr(1)), Uint256(130));
    EXPECT_TRUE(v.exists(addr(2)));
    // Created in this transaction: deleted at finalize, its balance burnt when sent to itself.
    v.create_contract(addr(6));
    v.add_balance(addr(6), Uint256(9));
    v.selfdestruct(addr(6), addr(6));
    EXPECT_EQ(v.balance(addr(6)), Uint256(0));
    v.finalize();
    EXPECT_FALSE(v.exists(addr(6)));
    InMemoryState after = committed_;
    after.apply(v.write_set());
    EXPECT_FALSE(after.read_account(addr(6)));
    EXPECT_TRUE(after.read_account(addr(2)));
}

TEST_F(StateViewTest, CreateContractStartsWithEmptyStorageAndNonceOne) {
    InMemoryState s = committed_;
    s.put_account(addr(8), {.nonce = 0, .balance = Uint256(5), .code = {}, .storage = {}});
    StateView v(s);
    v.create_contract(addr(8));
    EXPECT_EQ(v.nonce(addr(8)), 1u);
    EXPECT_EQ(v.balance(addr(8)), Uint256(5));
    EXPECT_TRUE(v.created_in_tx(addr(8)));
    v.set_storage(addr(8), Uint256(1), Uint256(3));
    EXPECT_EQ(v.original_storage(addr(8), Uint256(1)), Uint256(0));
    v.set_code(addr(8), Bytes{0xfe});
    v.finalize();
    s.apply(v.write_set());
    EXPECT_EQ(s.read_storage(addr(8), Uint256(1)), Uint256(3));
    EXPECT_EQ(s.read_account(addr(8))->nonce, 1u);
    EXPECT_EQ(s.read_code(s.read_account(addr(8))->code_hash), Bytes{0xfe});
}

// The view remembers the last slot it resolved. Reverting a contract creation puts the
// account's old slot map back (the created one, and every slot in it, is freed): a read of
// the same slot right after must see the restored map, not the freed entry.
TEST_F(StateViewTest, SlotReadsAfterRevertingACreationSeeTheRestoredStorage) {
    StateView v(committed_);
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(11));
    const std::size_t s = v.snapshot();
    v.create_contract(addr(2));
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(0));
    v.set_storage(addr(2), Uint256(1), Uint256(99));
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(99));
    v.revert(s);
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(11));
    EXPECT_EQ(v.original_storage(addr(2), Uint256(1)), Uint256(11));
    v.set_storage(addr(2), Uint256(1), Uint256(12));
    EXPECT_EQ(v.storage(addr(2), Uint256(1)), Uint256(12));
    EXPECT_EQ(v.storage(addr(2), Uint256(2)), Uint256(22));
}

TEST_F(StateViewTest, ReadSetListsWhatWasReadFromTheReader) {
    StateView v(committed_);
    (void)v.balance(addr(1));
    (void)v.storage(addr(2), Uint256(2));
    (void)v.storage(addr(9), Uint256(1));  // missing account: no storage read recorded
    const ReadSet rs = v.read_set();
    EXPECT_EQ(rs.accounts, (std::vector<Address>{addr(1), addr(2), addr(9)}));
    ASSERT_EQ(rs.storage.size(), 1u);
    EXPECT_EQ(rs.storage[0].first, addr(2));
}

TEST_F(StateViewTest, WarmSetsReportPriorAccess) {
    StateView v(committed_);
    EXPECT_FALSE(v.access_account(addr(1)));
    EXPECT_TRUE(v.access_account(addr(1)));
    EXPECT_FALSE(v.access_storage(addr(1), Uint256(1)));
    EXPECT_TRUE(v.access_storage(addr(1), Uint256(1)));
    EXPECT_FALSE(v.access_storage(addr(2), Uint256(1)));
}

}  // namespace
}  // namespace optimist::state
