// Corrupt stored data reads as absent (or, for the head, refuses to open) and never crashes;
// the record decoders survive random and mutated input.
#include "test_util.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/chain/records.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/tx/codec.hpp>

#include <gtest/gtest.h>

namespace optimist::chain::test {
namespace {

// The stores below report each corrupt record through the log; keep the test output short.
class QuietLog {
public:
    QuietLog() : saved_(logging::level()) { logging::set_level(logging::Level::off); }
    ~QuietLog() { logging::set_level(saved_); }

private:
    logging::Level saved_;
};

TEST_F(ChainStoreTest, CorruptRecordsReadAsAbsent) {
    const QuietLog quiet;
    open_store();
    const auto chain = commit_chain(5);
    reopen_db();  // a fresh store: nothing cached

    const Bytes garbage = bytes_of("\xde\xad\xbe\xef not rlp");
    ASSERT_TRUE(db_->put(key('h', chain[1].hash), garbage).ok());
    // A well-formed header under the wrong key is corruption too.
    ASSERT_TRUE(db_->put(key('h', chain[2].hash), tx::encode_header(chain[3].header)).ok());
    ASSERT_TRUE(db_->put(key('B', chain[3].hash), garbage).ok());
    ASSERT_TRUE(db_->put(key('r', chain[4].hash), garbage).ok());
    const Hash tx_hash = tx::transaction_hash(chain[4].txs[0]);
    ASSERT_TRUE(db_->put(key('t', tx_hash), garbage).ok());
    ASSERT_TRUE(db_->put(canonical_key(4), bytes_of("short")).ok());
    open_store();

    EXPECT_FALSE(store_->header_by_hash(chain[1].hash));
    EXPECT_FALSE(store_->header_by_number(1));
    EXPECT_FALSE(store_->block_by_number(1));
    EXPECT_FALSE(store_->header_by_hash(chain[2].hash));
    EXPECT_FALSE(store_->block_by_hash(chain[2].hash));
    EXPECT_EQ(store_->header_by_hash(chain[3].hash), chain[3].header);  // header intact, body not
    EXPECT_FALSE(store_->block_by_hash(chain[3].hash));
    EXPECT_FALSE(store_->receipts(chain[4].hash));
    EXPECT_FALSE(store_->tx_location(tx_hash));
    EXPECT_FALSE(store_->canonical_hash(4));
    EXPECT_FALSE(store_->block_by_number(4));
    // The rest is unaffected.
    EXPECT_EQ(store_->block_by_hash(chain[4].hash),
              (StoredBlock{chain[4].header, chain[4].hash, chain[4].txs}));
    EXPECT_EQ(store_->header_by_number(5), chain[5].header);
}

TEST_F(ChainStoreTest, ACorruptHeadIsRefusedWithAReason) {
    const QuietLog quiet;
    open_store();
    const auto chain = commit_chain(2);

    {
        reopen_db();
        ASSERT_TRUE(db_->put(Bytes{'H'}, bytes_of("not a hash")).ok());
        auto refused = try_open();
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().find("head pointer is not a hash"), std::string::npos) << refused.error();
    }
    {
        reopen_db();
        ASSERT_TRUE(db_->put(Bytes{'H'}, chain[2].hash).ok());
        ASSERT_TRUE(db_->put(key('h', chain[2].hash), bytes_of("garbage")).ok());
        auto refused = try_open();
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().find("no readable header"), std::string::npos) << refused.error();
    }
    {
        reopen_db();
        ASSERT_TRUE(db_->put(key('h', chain[2].hash), tx::encode_header(chain[2].header)).ok());
        ASSERT_TRUE(db_->put(canonical_key(2), chain[1].hash).ok());
        auto refused = try_open();
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().find("not the canonical block"), std::string::npos) << refused.error();
    }
    {
        reopen_db();
        ASSERT_TRUE(db_->put(canonical_key(2), chain[2].hash).ok());
        ASSERT_TRUE(db_->erase(Bytes{'H'}).ok());
        auto refused = try_open();
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().find("no head block"), std::string::npos) << refused.error();
    }
    {
        reopen_db();
        ASSERT_TRUE(db_->put(Bytes{'H'}, chain[2].hash).ok());
        ASSERT_TRUE(db_->put(bytes_of("mchain_id"), bytes_of("\x00\x01")).ok());
        auto refused = try_open();
        ASSERT_FALSE(refused.ok());
        EXPECT_NE(refused.error().find("metadata chain_id"), std::string::npos) << refused.error();
    }
}

// Valid records of each kind, to mutate.
struct Samples {
    std::vector<Bytes> bodies, receipts, locations;
};

Samples make_samples(std::mt19937_64& rng) {
    BlockMaker maker(rng());
    Samples s;
    std::optional<TestBlock> parent;
    for (std::size_t i = 0; i < 6; ++i) {
        TestBlock b = maker.next(parent, i);
        s.bodies.push_back(encode_body(b.txs));
        s.receipts.push_back(encode_receipts(b.receipts));
        s.locations.push_back(encode_tx_location({rng(), b.hash, static_cast<std::uint32_t>(rng())}));
        parent = std::move(b);
    }
    return s;
}

// Random bytes, or a valid record with a few bytes flipped, cut short or extended.
Bytes fuzz_input(std::mt19937_64& rng, const std::vector<Bytes>& samples) {
    if (rng() % 4 == 0) return random_bytes(rng, 200);
    Bytes b = samples[rng() % samples.size()];
    switch (rng() % 3) {
        case 0:
            for (std::size_t k = 1 + rng() % 3; k > 0 && !b.empty(); --k)
                b[rng() % b.size()] ^= 1u << (rng() % 8);
            break;
        case 1:
            b.resize(rng() % (b.size() + 1));
            break;
        default:
            b.push_back(static_cast<std::uint8_t>(rng()));
            break;
    }
    return b;
}

// What decodes must re-encode to the same bytes (strict decoding keeps hashes stable).
TEST(ChainRecords, DecodersSurviveRandomAndMutatedInput) {
    std::mt19937_64 rng(20260101);
    const Samples samples = make_samples(rng);
    for (const Bytes& b : samples.bodies) ASSERT_TRUE(decode_body(b).ok());
    for (const Bytes& r : samples.receipts) ASSERT_TRUE(decode_receipts(r).ok());
    for (const Bytes& l : samples.locations) ASSERT_TRUE(decode_tx_location(l).ok());

    const std::size_t cases = fuzz_cases(3000);
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < cases; ++i) {
        const Bytes body = fuzz_input(rng, samples.bodies);
        if (auto d = decode_body(body)) {
            ++accepted;
            ASSERT_EQ(encode_body(*d), body);
        } else {
            EXPECT_FALSE(d.error().empty());
        }
        const Bytes receipts = fuzz_input(rng, samples.receipts);
        if (auto d = decode_receipts(receipts)) {
            ++accepted;
            ASSERT_EQ(encode_receipts(*d), receipts);
        }
        const Bytes location = fuzz_input(rng, samples.locations);
        if (auto d = decode_tx_location(location)) {
            ++accepted;
            ASSERT_EQ(encode_tx_location(*d), location);
        }
        const Bytes meta = random_bytes(rng, 12);
        if (auto d = decode_meta_uint(meta)) {
            ASSERT_EQ(encode_meta_uint(*d), meta);
        }
    }
    // Some mutations (a flipped bit inside a payload) stay valid: the accepted path is exercised.
    EXPECT_GT(accepted, 0u);
}

// The same through the store: random values under every key kind read as absent or as a
// value, never crash.
TEST_F(ChainStoreTest, RandomStoredValuesNeverCrashReaders) {
    const QuietLog quiet;
    open_store();
    const auto chain = commit_chain(3);
    std::mt19937_64 rng(7);
    const Samples samples = make_samples(rng);
    const TestBlock& b = chain[2];
    const Hash tx_hash = tx::transaction_hash(b.txs[0]);
    const std::size_t cases = fuzz_cases(3000) / 10;
    for (std::size_t i = 0; i < cases; ++i) {
        reopen_db();
        ASSERT_TRUE(db_->put(key('h', chain[1].hash), fuzz_input(rng, {tx::encode_header(b.header)})).ok());
        ASSERT_TRUE(db_->put(key('B', b.hash), fuzz_input(rng, samples.bodies)).ok());
        ASSERT_TRUE(db_->put(key('r', b.hash), fuzz_input(rng, samples.receipts)).ok());
        ASSERT_TRUE(db_->put(key('t', tx_hash), fuzz_input(rng, samples.locations)).ok());
        ASSERT_TRUE(db_->put(canonical_key(1), random_bytes(rng, 40)).ok());
        open_store();
        (void)store_->header_by_number(1);
        (void)store_->block_by_hash(b.hash);
        (void)store_->receipts(b.hash);
        (void)store_->tx_location(tx_hash);
        EXPECT_EQ(store_->head_hash(), chain.back().hash);
    }
}

}  // namespace
}  // namespace optimist::chain::test
