// Helpers shared by the chain tests: a temporary database directory and a generator of
// realistic blocks (signed transactions, receipts with logs, headers with matching roots).
#pragma once

#include "../tx/test_util.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/db/database.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace optimist::chain::test {

using tx::test::fuzz_cases;
using tx::test::random_bytes;
using tx::test::random_fixed;

inline constexpr std::uint64_t kChainId = 901;

inline Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

// A block as the sequencer would hand it to commit_block.
struct TestBlock {
    tx::BlockHeader header;
    std::vector<tx::Transaction> txs;
    std::vector<tx::Receipt> receipts;
    Hash hash;
};

// Makes a chain of blocks from a few funded keys; deterministic for a given seed.
class BlockMaker {
public:
    explicit BlockMaker(std::uint64_t seed) : rng_(seed) {
        for (auto& k : keys_) k = tx::test::random_private_key(rng_);
    }

    // The next block after `parent` (genesis when nullopt) with `count` transactions.
    TestBlock next(const std::optional<TestBlock>& parent, std::size_t count) {
        TestBlock b;
        b.header = tx::cancun_header();
        b.header.number = parent ? parent->header.number + 1 : 0;
        b.header.parent_hash = parent ? parent->hash : Hash{};
        b.header.timestamp = 1'700'000'000 + 2 * b.header.number;
        b.header.gas_limit = 30'000'000;
        b.header.base_fee_per_gas = Uint256{1'000'000'000};
        b.header.state_root = random_fixed<32>(rng_);
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < count; ++i) {
            b.txs.push_back(signed_tx(i));
            cumulative += 21'000 + rng_() % 50'000;
            std::vector<Log> logs(rng_() % 3);
            for (Log& log : logs) {
                log.address = random_fixed<20>(rng_);
                for (std::size_t t = rng_() % 4; t > 0; --t) log.topics.push_back(random_fixed<32>(rng_));
                log.data = random_bytes(rng_, 64);
            }
            b.receipts.push_back(
                tx::make_receipt(b.txs.back().type, rng_() % 5 != 0, cumulative, std::move(logs)));
        }
        b.header.gas_used = cumulative;
        b.header.transactions_root = tx::transactions_root(b.txs);
        b.header.receipts_root = tx::receipts_root(b.receipts);
        b.header.logs_bloom = tx::block_bloom(b.receipts);
        b.hash = tx::header_hash(b.header);
        return b;
    }

    // A signed transaction of a type that cycles through legacy (EIP-155), 1 and 2.
    tx::Transaction signed_tx(std::size_t i) {
        tx::Transaction t;
        t.type = static_cast<tx::TxType>(i % 3);
        t.chain_id = kChainId;
        const std::size_t who = rng_() % keys_.size();
        t.nonce = nonces_[who]++;
        t.max_fee_per_gas = Uint256{2'000'000'000};
        t.max_priority_fee_per_gas =
            t.type == tx::TxType::dynamic_fee ? Uint256{1'000'000} : t.max_fee_per_gas;
        t.gas_limit = 100'000;
        if (rng_() % 4 != 0) t.to = random_fixed<20>(rng_);
        t.value = Uint256{rng_() % 1'000'000};
        t.data = random_bytes(rng_, 40);
        if (t.type == tx::TxType::access_list)
            t.access_list.push_back({random_fixed<20>(rng_), {random_fixed<32>(rng_)}});
        auto signed_t = tx::sign_transaction(std::move(t), keys_[who]);
        EXPECT_TRUE(signed_t.ok());
        return signed_t.ok() ? *signed_t : tx::Transaction{};
    }

private:
    std::mt19937_64 rng_;
    std::array<Hash, 4> keys_{};
    std::array<std::uint64_t, 4> nonces_{};
};

// A fresh database directory per test, removed afterwards.
class ChainStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("optimist-chain-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        reopen_db();
    }
    void TearDown() override {
        store_.reset();
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    // Closes the store and the database and opens the database again (a restart).
    void reopen_db() {
        store_.reset();
        db_.reset();
        auto db = db::Database::open(dir_.string());
        ASSERT_TRUE(db.ok()) << db.error();
        db_ = std::move(db).value();
    }

    // Opens the store over the current database; tests skip fsync to stay fast.
    Result<std::unique_ptr<ChainStore>, std::string> try_open(
        std::optional<std::uint64_t> chain_id = kChainId) {
        ChainStoreOptions options;
        options.chain_id = chain_id;
        options.sync_blocks = false;
        return ChainStore::open(*db_, options);
    }

    void open_store(std::optional<std::uint64_t> chain_id = kChainId) {
        auto store = try_open(chain_id);
        ASSERT_TRUE(store.ok()) << store.error();
        store_ = std::move(store).value();
    }

    void restart() {
        reopen_db();
        open_store();
    }

    void commit(const TestBlock& b, db::WriteBatch extra = {}) {
        auto s = store_->commit_block(b.header, b.txs, b.receipts, std::move(extra));
        ASSERT_TRUE(s.ok()) << s.error();
    }

    // Commits genesis (empty) and `count` more blocks of a few transactions each.
    std::vector<TestBlock> commit_chain(std::size_t count, std::uint64_t seed = 1) {
        BlockMaker maker(seed);
        std::vector<TestBlock> chain;
        chain.push_back(maker.next(std::nullopt, 0));
        for (std::size_t i = 1; i <= count; ++i) chain.push_back(maker.next(chain.back(), 1 + i % 5));
        for (const TestBlock& b : chain) commit(b);
        return chain;
    }

    // A key of the documented layout (chain_store.hpp): prefix + hash.
    static Bytes key(char prefix, const Hash& h) {
        // Sized up front: GCC 12 warns falsely (-Warray-bounds) on growing a one-byte vector.
        Bytes k(1 + Hash::size());
        k[0] = static_cast<std::uint8_t>(prefix);
        std::copy(h.begin(), h.end(), k.begin() + 1);
        return k;
    }

    // "N" + be64(number).
    static Bytes canonical_key(std::uint64_t n) {
        Bytes k(9);
        k[0] = 'N';
        for (std::size_t i = 0; i < 8; ++i) k[1 + i] = static_cast<std::uint8_t>(n >> (8 * (7 - i)));
        return k;
    }

    std::filesystem::path dir_;
    std::unique_ptr<db::Database> db_;
    std::unique_ptr<ChainStore> store_;
};

}  // namespace optimist::chain::test
