// BlockOverlay composes write sets as InMemoryState::apply does: each case applies the same
// write sets to the overlay and to a copy of the pre-state and compares what they read.
#include "test_util.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/exec/block_overlay.hpp>

#include <gtest/gtest.h>

namespace optimist::exec {
namespace {

using namespace testing;

const Address kContract = address_of(0x10);

state::InMemoryState pre_with_contract() {
    state::InMemoryState s = funded(1000);
    state::InMemoryState::StoredAccount c;
    c.nonce = 1;
    c.balance = 5;
    c.code = {0x60, 0x00, 0x00};
    c.storage = {{Uint256{1}, Uint256{11}}, {Uint256{2}, Uint256{22}}};
    s.put_account(kContract, c);
    return s;
}

state::AccountWrite write_of(const Address& a, std::uint64_t nonce, std::uint64_t balance) {
    state::AccountWrite w;
    w.address = a;
    w.nonce = nonce;
    w.balance = balance;
    return w;
}

state::WriteSet one(state::AccountWrite w) {
    state::WriteSet ws;
    ws.accounts.push_back(std::move(w));
    return ws;
}

// Nonce, balance, code hash and the probed slots read the same through both.
void expect_same(const BlockOverlay& overlay, const state::InMemoryState& reference, const Address& a) {
    const auto got = overlay.read_account(a);
    const auto want = reference.read_account(a);
    ASSERT_EQ(got.has_value(), want.has_value());
    if (got) {
        EXPECT_EQ(got->nonce, want->nonce);
        EXPECT_EQ(got->balance, want->balance);
        EXPECT_EQ(got->code_hash, want->code_hash);
        EXPECT_EQ(overlay.read_code(got->code_hash), reference.read_code(want->code_hash));
        EXPECT_EQ(got->storage_root == kEmptyTrieRoot, want->storage_root == kEmptyTrieRoot);
    }
    for (std::uint64_t k = 0; k < 5; ++k) EXPECT_EQ(overlay.read_storage(a, k), reference.read_storage(a, k));
}

TEST(BlockOverlay, ReadsThroughWithoutWrites) {
    const state::InMemoryState pre = pre_with_contract();
    const BlockOverlay overlay(pre);
    expect_same(overlay, pre, kContract);
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, pre.read_account(kContract)->storage_root);
    EXPECT_FALSE(overlay.read_account(kRecipient).has_value());
}

TEST(BlockOverlay, StorageWritesShadowAndZeroDeletes) {
    const state::InMemoryState pre = pre_with_contract();
    state::InMemoryState reference = pre;
    BlockOverlay overlay(pre);
    state::AccountWrite w = write_of(kContract, 1, 5);
    w.code_hash = keccak256(Bytes{0x60, 0x00, 0x00});
    w.storage = {{Uint256{1}, Uint256{}}, {Uint256{3}, Uint256{33}}};
    overlay.apply(one(w));
    reference.apply(one(w));
    expect_same(overlay, reference, kContract);
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, kUnknownStorageRoot);
}

TEST(BlockOverlay, DeletionHidesStorageAndRecreationStartsEmpty) {
    const state::InMemoryState pre = pre_with_contract();
    state::InMemoryState reference = pre;
    BlockOverlay overlay(pre);

    state::AccountWrite del;
    del.address = kContract;
    del.deleted = true;
    overlay.apply(one(del));
    reference.apply(one(del));
    expect_same(overlay, reference, kContract);

    // Recreated by a plain transfer: StateView saw no account, so neither storage_cleared
    // nor code_changed is set; the old storage and code must stay gone.
    const state::AccountWrite revived = write_of(kContract, 0, 7);
    overlay.apply(one(revived));
    reference.apply(one(revived));
    expect_same(overlay, reference, kContract);
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, kEmptyTrieRoot);
}

TEST(BlockOverlay, StorageClearedWipesEarlierWritesAndThePreState) {
    const state::InMemoryState pre = pre_with_contract();
    state::InMemoryState reference = pre;
    BlockOverlay overlay(pre);

    state::AccountWrite first = write_of(kContract, 1, 5);
    first.code_hash = keccak256(Bytes{0x60, 0x00, 0x00});
    first.storage = {{Uint256{4}, Uint256{44}}};
    overlay.apply(one(first));
    reference.apply(one(first));

    // Recreated over it (CREATE2 onto an account with balance): new code, new storage.
    const Bytes code = {0x60, 0x01, 0x00};
    state::AccountWrite second = write_of(kContract, 1, 5);
    second.storage_cleared = true;
    second.code_changed = true;
    second.code = code;
    second.code_hash = keccak256(code);
    second.storage = {{Uint256{2}, Uint256{99}}};
    overlay.apply(one(second));
    reference.apply(one(second));
    expect_same(overlay, reference, kContract);
    EXPECT_EQ(overlay.read_code(keccak256(code)), code);

    // Its only slot zeroed: known empty, since the pre-state's slots were wiped.
    state::AccountWrite third = second;
    third.storage_cleared = false;
    third.code_changed = false;
    third.code.clear();
    third.storage = {{Uint256{2}, Uint256{}}};
    overlay.apply(one(third));
    reference.apply(one(third));
    expect_same(overlay, reference, kContract);
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, kEmptyTrieRoot);
}

TEST(BlockOverlay, ZeroingEveryPreExistingSlotIsTheDocumentedImprecision) {
    const state::InMemoryState pre = pre_with_contract();
    BlockOverlay overlay(pre);
    state::AccountWrite w = write_of(kContract, 1, 5);
    w.code_hash = keccak256(Bytes{0x60, 0x00, 0x00});
    w.storage = {{Uint256{1}, Uint256{}}, {Uint256{2}, Uint256{}}};
    overlay.apply(one(w));
    EXPECT_EQ(overlay.read_storage(kContract, 1), Uint256{});
    EXPECT_EQ(overlay.read_storage(kContract, 2), Uint256{});
    // Really empty, but reported non-empty: the overlay cannot enumerate the pre-state.
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, kUnknownStorageRoot);
}

TEST(BlockOverlay, AccountOnlyChangesKeepThePreStateRoot) {
    const state::InMemoryState pre = pre_with_contract();
    BlockOverlay overlay(pre);
    state::AccountWrite w = write_of(kContract, 1, 6);
    w.code_hash = keccak256(Bytes{0x60, 0x00, 0x00});
    overlay.apply(one(w));
    EXPECT_EQ(overlay.read_account(kContract)->storage_root, pre.read_account(kContract)->storage_root);
    EXPECT_EQ(overlay.read_account(kContract)->balance, Uint256{6});
}

}  // namespace
}  // namespace optimist::exec
