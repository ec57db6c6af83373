// Batch encoding: exact layout, round trips, and every rejection of decode_batch.
#include "test_util.hpp"

#include <optimist/core/rlp.hpp>
#include <optimist/rollup/batch.hpp>
#include <optimist/tx/codec.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace optimist::rollup {
namespace {

using test::hex;

Bytes versioned(const Bytes& rlp_bytes) {
    Bytes out;
    out.reserve(1 + rlp_bytes.size());
    out.push_back(kBatchVersion0);
    append(out, rlp_bytes);
    return out;
}

// A block given as raw items, to build batches encode_batch would never produce.
struct RawBlock {
    std::uint64_t number;
    std::uint64_t timestamp;
    std::vector<Bytes> txs;  // wire forms, not checked
};

Bytes encode_raw(const Hash& parent, const std::vector<RawBlock>& blocks) {
    rlp::Encoder e;
    const auto top = e.begin_list();
    e.add_bytes(parent);
    const auto list = e.begin_list();
    for (const RawBlock& b : blocks) {
        const auto m = e.begin_list();
        e.add_uint(b.number);
        e.add_uint(b.timestamp);
        const auto txs = e.begin_list();
        for (const Bytes& t : b.txs) e.add_bytes(t);
        e.end_list(txs);
        e.end_list(m);
    }
    e.end_list(list);
    e.end_list(top);
    return versioned(e.bytes());
}

void expect_error(const Result<Batch, BatchError>& r, BatchErrorKind kind, std::string_view fragment = {}) {
    ASSERT_FALSE(r.ok()) << "expected " << to_string(kind);
    EXPECT_EQ(r.error().kind, kind) << r.error().message;
    EXPECT_NE(r.error().message.find("batch: "), std::string::npos) << r.error().message;
    if (!fragment.empty()) {
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    }
}

TEST(Batch, LayoutOfAnEmptyBlock) {
    Batch b;
    b.blocks.push_back({1, 2, {}});
    // 00 ‖ rlp([0x00*32, [[1, 2, []]]])
    const Bytes expected = hex("00e6a0" + std::string(64, '0') + "c4c30102c0");
    EXPECT_EQ(encode_batch(b), expected);
    auto d = decode_batch(expected);
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(*d, b);
}

TEST(Batch, TransactionsAreWireFormStrings) {
    std::mt19937_64 rng(1);
    Batch b;
    b.blocks.push_back({7, 100, {test::random_signed(rng), test::random_signed(rng)}});
    const Bytes enc = encode_batch(b);
    auto top = rlp::decode(ByteView(enc).subspan(1));
    ASSERT_TRUE(top.ok());
    auto fields = rlp::decode_list(*top);
    auto blocks = rlp::decode_list((*fields)[1]);
    auto block = rlp::decode_list((*blocks)[0]);
    auto txs = rlp::decode_list((*block)[2]);
    ASSERT_EQ(txs->size(), 2U);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_FALSE((*txs)[i].is_list);
        EXPECT_EQ(to_bytes((*txs)[i].payload), tx::encode_transaction(b.blocks[0].transactions[i]));
    }
}

TEST(Batch, RoundTripsAcrossSizes) {
    std::mt19937_64 rng(2);
    const std::pair<std::size_t, std::size_t> shapes[] = {{1, 0},   {1, 1},  {3, 0},
                                                          {10, 20}, {50, 8}, {200, 2}};
    for (const auto& [blocks, txs] : shapes) {
        const Batch b = test::random_batch(rng, blocks, txs);
        const Bytes enc = encode_batch(b);
        auto d = decode_batch(enc);
        ASSERT_TRUE(d.ok()) << d.error().message;
        EXPECT_EQ(*d, b);
        EXPECT_EQ(encode_batch(*d), enc);
    }
}

TEST(Batch, HighBlockNumbersRoundTrip) {
    std::mt19937_64 rng(3);
    const Batch b = test::random_batch(rng, 3, 1, std::numeric_limits<std::uint64_t>::max() - 2);
    auto d = decode_batch(encode_batch(b));
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(*d, b);
}

TEST(Batch, RejectsEmptyAndUnknownVersions) {
    expect_error(decode_batch({}), BatchErrorKind::empty);
    Batch b;
    b.blocks.push_back({1, 2, {}});
    Bytes enc = encode_batch(b);
    enc[0] = 0x01;
    expect_error(decode_batch(enc), BatchErrorKind::unknown_version, "version 1");
}

TEST(Batch, RejectsOversizedEncodingBeforeParsing) {
    std::mt19937_64 rng(4);
    const Bytes enc = encode_batch(test::random_batch(rng, 5, 5));
    BatchLimits limits;
    limits.max_batch_bytes = enc.size() - 1;
    expect_error(decode_batch(enc, limits), BatchErrorKind::too_large);
    limits.max_batch_bytes = enc.size();
    EXPECT_TRUE(decode_batch(enc, limits).ok());
}

TEST(Batch, RejectsMalformedRlp) {
    Batch b;
    b.blocks.push_back({1, 2, {}});
    const Bytes good = encode_batch(b);

    Bytes trailing = good;
    trailing.push_back(0x00);
    expect_error(decode_batch(trailing), BatchErrorKind::malformed_rlp, "trailing");

    Bytes truncated = good;
    truncated.pop_back();
    expect_error(decode_batch(truncated), BatchErrorKind::malformed_rlp);

    expect_error(decode_batch(Bytes{0x00}), BatchErrorKind::malformed_rlp);       // version only
    expect_error(decode_batch(hex("0080")), BatchErrorKind::malformed_rlp);       // a string, not a list
    expect_error(decode_batch(hex("00c0")), BatchErrorKind::malformed_rlp, "2");  // no fields
    // Parent hash of 31 bytes.
    expect_error(decode_batch(versioned(hex("e19f" + std::string(62, '0') + "c0"))),
                 BatchErrorKind::malformed_rlp, "parent hash");
    // A block of two fields.
    expect_error(decode_batch(versioned(hex("e5a0" + std::string(64, '0') + "c3c20102"))),
                 BatchErrorKind::malformed_rlp, "block 0");
    // A number with a leading zero.
    expect_error(decode_batch(versioned(hex("e8a0" + std::string(64, '0') + "c6c582000102c0"))),
                 BatchErrorKind::malformed_rlp, "number");
    // A non-canonical long-form length on the top-level list.
    expect_error(decode_batch(versioned(hex("f826a0" + std::string(64, '0') + "c4c30102c0"))),
                 BatchErrorKind::malformed_rlp);
    // A transaction given as a list rather than a string.
    expect_error(decode_batch(versioned(hex("e7a0" + std::string(64, '0') + "c5c40102c1c0"))),
                 BatchErrorKind::malformed_rlp, "transaction 0");
}

TEST(Batch, RejectsBlockCounts) {
    expect_error(decode_batch(encode_raw({}, {})), BatchErrorKind::no_blocks);
    std::mt19937_64 rng(5);
    const Batch b = test::random_batch(rng, 11, 0);
    BatchLimits limits;
    limits.max_blocks = 10;
    expect_error(decode_batch(encode_batch(b), limits), BatchErrorKind::too_many_blocks, "11 blocks");
    limits.max_blocks = 11;
    EXPECT_TRUE(decode_batch(encode_batch(b), limits).ok());
}

TEST(Batch, RejectsTransactionCountsAndSizes) {
    std::mt19937_64 rng(6);
    Batch b;
    b.blocks.push_back({1, 10, {test::random_signed(rng), test::random_signed(rng)}});
    b.blocks.push_back({2, 11, {test::random_signed(rng)}});
    BatchLimits limits;
    limits.max_transactions = 2;
    expect_error(decode_batch(encode_batch(b), limits), BatchErrorKind::too_many_transactions, "block 1");
    limits.max_transactions = 3;
    EXPECT_TRUE(decode_batch(encode_batch(b), limits).ok());

    const std::size_t size = tx::encode_transaction(b.blocks[1].transactions[0]).size();
    limits.max_transaction_bytes = size - 1;
    limits.max_transactions = 3;
    b.blocks[0].transactions.clear();
    expect_error(decode_batch(encode_batch(b), limits), BatchErrorKind::transaction_too_large,
                 "block 1 (number 2) transaction 0");
}

TEST(Batch, RejectsInvalidTransactions) {
    std::mt19937_64 rng(7);
    Bytes wire = tx::encode_transaction(test::random_signed(rng));
    wire.push_back(0x00);  // trailing byte: not the canonical wire form
    expect_error(decode_batch(encode_raw({}, {{1, 1, {wire}}})), BatchErrorKind::invalid_transaction,
                 "block 0 (number 1) transaction 0: ");
    expect_error(decode_batch(encode_raw({}, {{1, 1, {Bytes{}}}})), BatchErrorKind::invalid_transaction);
    expect_error(decode_batch(encode_raw({}, {{1, 1, {hex("05c0")}}})), BatchErrorKind::invalid_transaction);
}

TEST(Batch, RejectsBlobTransactions) {
    std::mt19937_64 rng(8);
    tx::Transaction t;
    t.type = tx::TxType::blob;
    t.chain_id = 901;
    t.to = test::random_fixed<20>(rng);
    t.gas_limit = 21000;
    t.blob_versioned_hashes.push_back(test::random_fixed<32>(rng));
    t = *tx::sign_transaction(t, test::random_key(rng));
    expect_error(decode_batch(encode_raw({}, {{1, 1, {tx::encode_transaction(t)}}})),
                 BatchErrorKind::blob_transaction);
}

TEST(Batch, RejectsBrokenSequences) {
    expect_error(decode_batch(encode_raw({}, {{0, 1, {}}})), BatchErrorKind::genesis_block);
    expect_error(decode_batch(encode_raw({}, {{5, 1, {}}, {7, 2, {}}})),
                 BatchErrorKind::non_contiguous_numbers, "block 1 (number 7): does not follow number 5");
    expect_error(decode_batch(encode_raw({}, {{5, 1, {}}, {5, 2, {}}})),
                 BatchErrorKind::non_contiguous_numbers);
    expect_error(decode_batch(encode_raw({}, {{5, 1, {}}, {4, 2, {}}})),
                 BatchErrorKind::non_contiguous_numbers);
    constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
    expect_error(decode_batch(encode_raw({}, {{kMax, 1, {}}, {0, 2, {}}})),
                 BatchErrorKind::non_contiguous_numbers);
    expect_error(decode_batch(encode_raw({}, {{5, 3, {}}, {6, 3, {}}})),
                 BatchErrorKind::non_increasing_timestamps, "timestamp 3");
    expect_error(decode_batch(encode_raw({}, {{5, 3, {}}, {6, 2, {}}})),
                 BatchErrorKind::non_increasing_timestamps);
}

TEST(Batch, EveryKindHasAMessage) {
    for (int k = 0; k <= static_cast<int>(BatchErrorKind::decompression_failed); ++k) {
        EXPECT_NE(to_string(static_cast<BatchErrorKind>(k)), "unknown batch error");
    }
}

}  // namespace
}  // namespace optimist::rollup
