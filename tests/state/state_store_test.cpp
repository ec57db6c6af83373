// StateStore against the reference InMemoryState: random blocks of write sets give equal
// roots and reads; what is committed to LevelDB reopens to the same state; historical
// readers and proofs serve old roots while the head moves on.
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/db/database.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/trie/proof.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace optimist::state {
namespace {

class StateStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("optimist-state-store-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        open_db();
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }
    void open_db() {
        db_.reset();
        auto db = db::Database::open(dir_.string());
        ASSERT_TRUE(db) << db.error();
        db_ = std::move(*db);
    }

    std::filesystem::path dir_;
    std::unique_ptr<db::Database> db_;
};

Address address_of(std::uint64_t i) {
    Address a;
    a[0] = 0xaa;
    for (int b = 0; b < 8; ++b) a[19 - b] = static_cast<std::uint8_t>(i >> (8 * b));
    return a;
}

Uint256 random_u256(std::mt19937_64& rng) {
    Hash h;
    for (auto& b : h.bytes) b = static_cast<std::uint8_t>(rng());
    return Uint256::from_hash(h);
}

// Accounts, slots and code drawn from small pools, so that writes hit the same accounts and
// slots again, code is shared between accounts, and storage often empties out again.
struct Pools {
    std::vector<Address> addresses;
    std::vector<Uint256> slots;
    std::vector<Bytes> codes;

    explicit Pools(std::mt19937_64& rng) {
        for (std::uint64_t i = 0; i < 40; ++i) addresses.push_back(address_of(i));
        for (std::uint64_t i = 0; i < 12; ++i) slots.push_back(Uint256(i));
        for (int i = 0; i < 4; ++i) slots.push_back(random_u256(rng));
        codes.push_back(Bytes{});
        codes.push_back(Bytes{0x60, 0x00, 0x60, 0x00, 0xf3});
        for (const std::size_t n : {40u, 700u}) {
            Bytes code(n);
            for (auto& b : code) b = static_cast<std::uint8_t>(rng());
            codes.push_back(code);
        }
    }
};

AccountWrite random_account_write(std::mt19937_64& rng, const Pools& pools, const Address& address) {
    AccountWrite w;
    w.address = address;
    const auto kind = rng() % 20;
    if (kind == 0) {
        w.deleted = true;
        return w;
    }
    w.storage_cleared = kind == 1;
    w.nonce = rng() % 4;
    w.balance = rng() % 4 == 0 ? Uint256{} : Uint256(rng() % 1'000'000);
    if (kind == 2 || kind == 3) {
        w.code_changed = true;
        w.code = pools.codes[rng() % pools.codes.size()];
        w.code_hash = w.code.empty() ? kEmptyCodeHash : keccak256(w.code);
    }
    if (rng() % 2 == 0) {
        std::map<Uint256, Uint256> slots;
        for (std::size_t i = 0, n = 1 + rng() % 6; i < n; ++i) {
            const Uint256 value = rng() % 3 == 0 ? Uint256{} : random_u256(rng);
            slots[pools.slots[rng() % pools.slots.size()]] = value;
        }
        for (const auto& [k, v] : slots) w.storage.push_back(StorageWrite{k, v});
    }
    return w;
}

WriteSet random_write_set(std::mt19937_64& rng, const Pools& pools) {
    std::map<Address, AccountWrite> accounts;
    for (std::size_t i = 0, n = 1 + rng() % 6; i < n; ++i) {
        const Address& a = pools.addresses[rng() % pools.addresses.size()];
        accounts[a] = random_account_write(rng, pools, a);
    }
    WriteSet ws;
    for (auto& [a, w] : accounts) ws.accounts.push_back(std::move(w));
    return ws;
}

// Every read of the pools agrees between `reader` and the reference.
void expect_same_reads(const StateReader& reader, const InMemoryState& expected, const Pools& pools,
                       const std::string& where) {
    for (const Address& a : pools.addresses) {
        const auto got = reader.read_account(a);
        const auto want = expected.read_account(a);
        ASSERT_EQ(got.has_value(), want.has_value()) << where;
        if (got) {
            EXPECT_EQ(*got, *want) << where;
            EXPECT_EQ(reader.read_code(got->code_hash), expected.read_code(want->code_hash)) << where;
        }
        for (const Uint256& s : pools.slots)
            EXPECT_EQ(reader.read_storage(a, s), expected.read_storage(a, s)) << where;
    }
}

void commit_block(StateStore& store, db::Database& db) {
    db::WriteBatch batch;
    store.commit(batch);
    ASSERT_TRUE(db.write(batch));
}

struct Snapshot {
    Hash root;
    InMemoryState state;
};

TEST_F(StateStoreTest, RandomBlocksMatchInMemoryStateAndReopen) {
    std::mt19937_64 rng(401);
    const Pools pools(rng);
    auto opened = StateStore::open(*db_, kEmptyTrieRoot);
    ASSERT_TRUE(opened) << opened.error();
    std::unique_ptr<StateStore> store = std::move(*opened);
    EXPECT_EQ(store->state_root(), kEmptyTrieRoot);

    InMemoryState reference;
    std::vector<Snapshot> history;
    for (int block = 0; block < 40; ++block) {
        const std::string where = "block " + std::to_string(block);
        for (std::size_t tx = 0, n = 1 + rng() % 4; tx < n; ++tx) {
            const WriteSet ws = random_write_set(rng, pools);
            store->apply(ws);
            reference.apply(ws);
            // Reads between transactions already see the applied writes.
            if (tx == 0) expect_same_reads(*store, reference, pools, where + " (mid-block)");
        }
        const Hash root = store->state_root();
        ASSERT_EQ(root, reference.state_root()) << where;
        commit_block(*store, *db_);
        expect_same_reads(*store, reference, pools, where);
        history.push_back({root, reference});

        // An older state, read from the database only, is unchanged by later blocks.
        const Snapshot& old = history[rng() % history.size()];
        const auto reader = store->reader_at(old.root);
        ASSERT_NE(reader, nullptr) << where;
        expect_same_reads(*reader, old.state, pools, where + " (historical)");
    }

    // Nothing changed since the last commit: nothing to write.
    db::WriteBatch empty;
    store->commit(empty);
    EXPECT_EQ(empty.count(), 0u);

    // Reopen the database and the head state from its root: identical reads and root, and it
    // goes on updating and committing incrementally.
    const Hash head = store->state_root();
    store.reset();
    open_db();
    auto reopened = StateStore::open(*db_, head);
    ASSERT_TRUE(reopened) << reopened.error();
    store = std::move(*reopened);
    EXPECT_EQ(store->state_root(), head);
    expect_same_reads(*store, reference, pools, "reopened");
    for (int block = 0; block < 10; ++block) {
        const WriteSet ws = random_write_set(rng, pools);
        store->apply(ws);
        reference.apply(ws);
        ASSERT_EQ(store->state_root(), reference.state_root());
        commit_block(*store, *db_);
    }
    auto again = StateStore::open(*db_, store->state_root());
    ASSERT_TRUE(again) << again.error();
    expect_same_reads(**again, reference, pools, "reopened after more blocks");

    // The state writes only its two prefixes; the chain store owns the rest.
    // (An empty prefix with a non-null pointer: LevelDB's Slice compares it with memcmp.)
    const std::uint8_t none = 0;
    std::size_t keys = 0;
    db_->for_each_with_prefix(ByteView(&none, 0), [&](ByteView key, ByteView value) {
        ++keys;
        EXPECT_EQ(key.size(), 33u);
        EXPECT_TRUE(key[0] == kNodeKeyPrefix || key[0] == kCodeKeyPrefix);
        EXPECT_EQ(keccak256(value), Hash::right_aligned(key.subspan(1)));
        return true;
    });
    EXPECT_GT(keys, 0u);
}

// eth_getProof data verifies against the root it was asked for, for present and absent
// accounts and slots, also after later blocks changed them.
TEST_F(StateStoreTest, ProofsVerifyAtCommittedRoots) {
    std::mt19937_64 rng(403);
    const Pools pools(rng);
    auto opened = StateStore::open(*db_, kEmptyTrieRoot);
    ASSERT_TRUE(opened) << opened.error();
    StateStore& store = **opened;
    InMemoryState reference;
    std::vector<Snapshot> history;
    for (int block = 0; block < 12; ++block) {
        for (int tx = 0; tx < 3; ++tx) {
            const WriteSet ws = random_write_set(rng, pools);
            store.apply(ws);
            reference.apply(ws);
        }
        history.push_back({store.state_root(), reference});
        commit_block(store, *db_);
    }
    std::size_t present_accounts = 0;
    std::size_t present_slots = 0;
    for (const Snapshot& snap : history) {
        for (std::size_t i = 0; i < pools.addresses.size(); i += 3) {
            const Address& a = pools.addresses[i];
            auto got = store.proof(snap.root, a, pools.slots);
            ASSERT_TRUE(got) << got.error();
            const auto want = snap.state.read_account(a);
            EXPECT_EQ(got->address, a);
            EXPECT_EQ(got->account, want.value_or(Account{}));
            const auto verified = trie::verify_proof(snap.root, keccak256(a), got->account_proof);
            ASSERT_TRUE(verified) << trie::to_string(verified.error());
            if (want) {
                ++present_accounts;
                EXPECT_EQ(*verified, std::optional<Bytes>(encode_account(*want)));
            } else {
                EXPECT_FALSE(verified->has_value());
            }
            ASSERT_EQ(got->storage.size(), pools.slots.size());
            for (std::size_t j = 0; j < pools.slots.size(); ++j) {
                const auto& sp = got->storage[j];
                EXPECT_EQ(sp.key, pools.slots[j]);
                EXPECT_EQ(sp.value, snap.state.read_storage(a, sp.key));
                const auto slot =
                    trie::verify_proof(got->account.storage_root, keccak256(sp.key.to_hash()), sp.proof);
                ASSERT_TRUE(slot) << trie::to_string(slot.error());
                if (sp.value.is_zero()) {
                    EXPECT_FALSE(slot->has_value());
                } else {
                    ++present_slots;
                    EXPECT_EQ(*slot, std::optional<Bytes>(rlp::encode_uint(sp.value)));
                }
            }
        }
    }
    EXPECT_GT(present_accounts, 0u);
    EXPECT_GT(present_slots, 0u);
}

// reader_at and proof read only the database: they run on another thread while the head
// state is updated and committed (the node serves historical RPC reads this way).
TEST_F(StateStoreTest, HistoricalReadsRunBesideHeadUpdates) {
    std::mt19937_64 rng(411);
    const Pools pools(rng);
    auto opened = StateStore::open(*db_, kEmptyTrieRoot);
    ASSERT_TRUE(opened);
    StateStore& store = **opened;
    InMemoryState reference;
    std::vector<Snapshot> history;
    for (int block = 0; block < 4; ++block) {
        for (int tx = 0; tx < 4; ++tx) {
            const WriteSet ws = random_write_set(rng, pools);
            store.apply(ws);
            reference.apply(ws);
        }
        history.push_back({store.state_root(), reference});
        commit_block(store, *db_);
    }

    std::atomic<bool> stop{false};
    std::atomic<std::size_t> mismatches{0};
    std::atomic<std::size_t> rounds{0};
    std::thread reader_thread([&] {
        while (!stop.load() || rounds.load() < 3) {
            for (const Snapshot& snap : history) {
                const auto reader = store.reader_at(snap.root);
                if (reader == nullptr) {
                    ++mismatches;
                    continue;
                }
                for (const Address& a : pools.addresses) {
                    if (reader->read_account(a) != snap.state.read_account(a)) ++mismatches;
                    if (reader->read_storage(a, pools.slots[0]) != snap.state.read_storage(a, pools.slots[0]))
                        ++mismatches;
                }
                const auto proof = store.proof(snap.root, pools.addresses[1], pools.slots);
                if (!proof ||
                    proof->account != snap.state.read_account(pools.addresses[1]).value_or(Account{}))
                    ++mismatches;
            }
            ++rounds;
        }
    });
    for (int block = 0; block < 20; ++block) {
        for (int tx = 0; tx < 4; ++tx) store.apply(random_write_set(rng, pools));
        (void)store.state_root();
        commit_block(store, *db_);
    }
    stop = true;
    reader_thread.join();
    EXPECT_EQ(mismatches.load(), 0u);
}

TEST_F(StateStoreTest, UnknownRootsAreErrors) {
    const Hash unknown = keccak256(Bytes{1, 2, 3});
    const auto opened = StateStore::open(*db_, unknown);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().find("missing"), std::string::npos) << opened.error();

    auto empty = StateStore::open(*db_, kEmptyTrieRoot);
    ASSERT_TRUE(empty);
    EXPECT_EQ((*empty)->reader_at(unknown), nullptr);
    EXPECT_FALSE((*empty)->proof(unknown, address_of(1), {}));
    // The empty state is always readable and provable.
    const auto reader = (*empty)->reader_at(kEmptyTrieRoot);
    ASSERT_NE(reader, nullptr);
    EXPECT_FALSE(reader->read_account(address_of(1)).has_value());
    const auto proof = (*empty)->proof(kEmptyTrieRoot, address_of(1), std::vector<Uint256>{Uint256(1)});
    ASSERT_TRUE(proof) << proof.error();
    EXPECT_TRUE(proof->account_proof.empty());
    EXPECT_EQ(proof->account, Account{});
}

// A state whose stored nodes were damaged does not open, and proofs report the damage.
TEST_F(StateStoreTest, DamagedNodesAreReported) {
    std::mt19937_64 rng(407);
    const Pools pools(rng);
    auto opened = StateStore::open(*db_, kEmptyTrieRoot);
    ASSERT_TRUE(opened);
    for (int tx = 0; tx < 20; ++tx) (*opened)->apply(random_write_set(rng, pools));
    const Hash root = (*opened)->state_root();
    commit_block(**opened, *db_);

    std::vector<Bytes> node_keys;
    db_->for_each_with_prefix(Bytes{kNodeKeyPrefix}, [&](ByteView key, ByteView) {
        node_keys.emplace_back(key.begin(), key.end());
        return true;
    });
    ASSERT_GT(node_keys.size(), 2u);
    ASSERT_TRUE(db_->put(node_keys[node_keys.size() / 2], Bytes{0xc0}));
    const auto damaged = StateStore::open(*db_, root);
    ASSERT_FALSE(damaged);
    EXPECT_NE(damaged.error().find("hash"), std::string::npos) << damaged.error();
    bool reported = false;
    for (const Address& a : pools.addresses) reported |= !(*opened)->proof(root, a, pools.slots).ok();
    EXPECT_TRUE(reported);
}

}  // namespace
}  // namespace optimist::state
