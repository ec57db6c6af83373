// Receipts, blooms, headers, blocks and the base fee.
#include "test_util.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/trie/trie.hpp>
#include <optimist/trie/trie_root.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace optimist::tx {
namespace {

using test::fixed;
using test::hex;

TEST(TxBlock, EmptyRootsAreTheKnownConstants) {
    EXPECT_EQ(kEmptyTrieRoot, trie::kEmptyRoot);
    EXPECT_EQ(kEmptyTrieRoot, keccak256(Bytes{0x80}));
    EXPECT_EQ(kEmptyOmmersHash, keccak256(Bytes{0xc0}));
    EXPECT_EQ(transactions_root({}), kEmptyTrieRoot);
    EXPECT_EQ(receipts_root({}), kEmptyTrieRoot);
    EXPECT_EQ(withdrawals_root({}), kEmptyTrieRoot);
}

TEST(TxBlock, BloomBitsOfTheEmptyString) {
    // keccak256("") = c5d2 4601 86f7 ...: bits 0x5d2 = 1490, 0x601 = 1537, 0x6f7 = 1783,
    // counted from the last bit of the last byte.
    Bloom bloom;
    add_to_bloom(bloom, ByteView{});
    Bloom expected;
    expected[255 - 1490 / 8] |= 1 << (1490 % 8);
    expected[255 - 1537 / 8] |= 1 << (1537 % 8);
    expected[255 - 1783 / 8] |= 1 << (1783 % 8);
    EXPECT_EQ(bloom, expected);
    EXPECT_TRUE(bloom_may_contain(bloom, ByteView{}));
}

TEST(TxBlock, LogsBloomHoldsAddressesAndTopics) {
    std::mt19937_64 rng(3);
    std::vector<Log> logs(4);
    for (Log& log : logs) {
        log.address = test::random_fixed<20>(rng);
        for (std::size_t i = rng() % 4; i > 0; --i) log.topics.push_back(test::random_fixed<32>(rng));
        log.data = test::random_bytes(rng, 50);
    }
    const Bloom bloom = logs_bloom(logs);
    for (const Log& log : logs) {
        EXPECT_TRUE(bloom_may_contain(bloom, log.address));
        for (const Hash& t : log.topics) EXPECT_TRUE(bloom_may_contain(bloom, t));
    }
    EXPECT_FALSE(bloom_may_contain(Bloom{}, logs[0].address));
}

// The bits of one entry, straight from its keccak: what the bloom's per-thread cache of
// recent entries must always agree with.
Bloom expected_bloom(ByteView entry) {
    const Hash h = keccak256(entry);
    Bloom b;
    for (std::size_t i = 0; i < 3; ++i) {
        const unsigned bit = ((unsigned{h[2 * i]} << 8) | h[2 * i + 1]) & 2047U;
        b[255 - bit / 8] |= static_cast<std::uint8_t>(1U << (bit % 8));
    }
    return b;
}

TEST(TxBlock, RepeatedAndCollidingEntriesGetTheirOwnBits) {
    // Far more distinct entries than the cache has room for, each asked several times in a
    // shuffled order; addresses that are prefixes of topics and entries of every length up
    // to 40 bytes (longer ones bypass the cache).
    std::mt19937_64 rng(11);
    std::vector<Bytes> entries;
    for (int i = 0; i < 600; ++i) {
        const Hash topic = test::random_fixed<32>(rng);
        entries.emplace_back(topic.begin(), topic.end());
        entries.emplace_back(topic.begin(), topic.begin() + 20);
        entries.push_back(test::random_bytes(rng, rng() % 41));
    }
    entries.emplace_back();
    std::vector<std::size_t> order;
    for (int round = 0; round < 3; ++round) {
        for (std::size_t i = 0; i < entries.size(); ++i) order.push_back(i);
    }
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::size_t i : order) {
        Bloom bloom;
        add_to_bloom(bloom, entries[i]);
        ASSERT_EQ(bloom, expected_bloom(entries[i])) << "entry " << i << " of " << entries[i].size() << " bytes";
    }
}

TEST(TxBlock, ReceiptsEncodeTypedAndRoundTrip) {
    Log log{Address::right_aligned(Bytes{0x11}), {Hash{}, fixed<32>(std::string(64, 'f'))}, {1, 2, 3}};
    const Receipt legacy = make_receipt(TxType::legacy, true, 21000, {log});
    const Receipt typed = make_receipt(TxType::dynamic_fee, false, 42000, {});
    const Bytes legacy_wire = encode_receipt(legacy);
    const Bytes typed_wire = encode_receipt(typed);
    EXPECT_GE(legacy_wire[0], 0xc0);
    EXPECT_EQ(typed_wire[0], 0x02);
    // Failure is the empty string, success 0x01 (EIP-658); the bloom is 256 bytes.
    EXPECT_EQ(Bytes(typed_wire.begin() + 1, typed_wire.begin() + 9), hex("f901088082a410b9"));
    for (const Receipt& r : {legacy, typed}) {
        auto back = decode_receipt(encode_receipt(r));
        ASSERT_TRUE(back.ok()) << rlp::to_string(back.error());
        EXPECT_EQ(*back, r);
    }
    EXPECT_EQ(decode_receipt(Bytes{0x05, 0xc0}).error(), rlp::RlpError::expected_list);
    EXPECT_FALSE(decode_receipt(Bytes{}).ok());

    const std::vector<Receipt> receipts{legacy, typed};
    const std::vector<Bytes> encoded{legacy_wire, typed_wire};
    EXPECT_EQ(receipts_root(receipts), trie::ordered_trie_root(encoded));
    Bloom both = legacy.bloom;
    accrue_bloom(both, typed.bloom);
    EXPECT_EQ(block_bloom(receipts), both);
}

// BasicTests/genesishashestest.json: the mainnet genesis block (a pre-London header of 15
// fields), which must decode, re-encode byte for byte and hash to the known block hash.
TEST(TxBlock, MainnetGenesisHash) {
    std::ifstream in(std::filesystem::path(OPTIMIST_ETHTESTS_DIR) / "BasicTests" / "genesishashestest.json");
    if (!in) GTEST_SKIP() << "ethereum/tests data not unpacked";
    const auto j = nlohmann::json::parse(in);
    const Bytes rlp = hex(j["genesis_rlp_hex"].get<std::string>());
    auto block = decode_block(rlp);
    ASSERT_TRUE(block.ok()) << to_string(block.error());
    EXPECT_EQ(encode_block(*block), rlp);
    EXPECT_EQ(header_hash(block->header), fixed<32>(j["genesis_hash"].get<std::string>()));
    EXPECT_EQ(block->header.state_root, fixed<32>(j["genesis_state_root"].get<std::string>()));
    EXPECT_FALSE(block->header.base_fee_per_gas.has_value());
    EXPECT_EQ(block->header.nonce, fixed<8>("0000000000000042"));
    EXPECT_EQ(block->header.gas_limit, 5000U);
    EXPECT_TRUE(block->transactions.empty());
}

TEST(TxBlock, CancunBlockRoundTrips) {
    std::mt19937_64 rng(11);
    Block b;
    b.header = cancun_header();
    b.header.number = 7;
    b.header.gas_limit = 30000000;
    b.header.timestamp = 1700000000;
    b.header.extra_data = {0xde, 0xad};
    b.header.base_fee_per_gas = Uint256{7};
    b.header.parent_beacon_block_root = test::random_fixed<32>(rng);
    for (int i = 0; i < 6; ++i) {
        b.transactions.push_back(
            *sign_transaction(test::random_unsigned(rng), test::random_private_key(rng)));
        b.transactions.back().sender = Address{};  // not part of the encoding
    }
    b.withdrawals.emplace();
    b.withdrawals->push_back({1, 2, Address::right_aligned(Bytes{3}), 4});
    b.header.transactions_root = transactions_root(b.transactions);
    b.header.withdrawals_root = withdrawals_root(*b.withdrawals);
    const Bytes wire = encode_block(b);
    auto back = decode_block(wire);
    ASSERT_TRUE(back.ok()) << to_string(back.error());
    EXPECT_EQ(*back, b);
    EXPECT_EQ(transactions_root(back->transactions), b.header.transactions_root);

    // Every fork's field count decodes to the same header and hash.
    BlockHeader h = b.header;
    for (int fields = 20; fields >= 15; --fields) {
        if (fields == 19) h.parent_beacon_block_root.reset();
        if (fields == 18) continue;  // blob gas used and excess blob gas come together
        if (fields == 17) h.blob_gas_used.reset(), h.excess_blob_gas.reset();
        if (fields == 16) h.withdrawals_root.reset();
        if (fields == 15) h.base_fee_per_gas.reset();
        const Bytes enc = encode_header(h);
        auto items = rlp::decode_list(*rlp::decode(enc));
        ASSERT_EQ(items->size(), static_cast<std::size_t>(fields));
        auto dec = decode_header(enc);
        ASSERT_TRUE(dec.ok()) << fields;
        EXPECT_EQ(*dec, h);
        EXPECT_EQ(header_hash(*dec), keccak256(enc));
    }
}

TEST(TxBlock, MalformedHeadersAreRejected) {
    BlockHeader h = cancun_header();
    Bytes enc = encode_header(h);
    enc.push_back(0);
    EXPECT_EQ(decode_header(enc).error(), rlp::RlpError::trailing_bytes);
    EXPECT_EQ(decode_header(Bytes{0xc0}).error(), rlp::RlpError::wrong_list_length);
    // An 18-field header (only blob gas used, no excess) belongs to no fork.
    rlp::Encoder e;
    const Bytes full = encode_header(h);  // the items below are views into it
    const auto items = *rlp::decode_list(*rlp::decode(full));
    const std::size_t mark = e.begin_list();
    for (std::size_t i = 0; i < 18; ++i) e.add_raw(items[i].encoded);
    e.end_list(mark);
    EXPECT_EQ(decode_header(e.bytes()).error(), rlp::RlpError::wrong_list_length);
    EXPECT_FALSE(decode_block(Bytes{0xc3, 0xc0, 0xc0, 0xc0}).ok());
}

TEST(TxBlock, BaseFeeFollowsEip1559) {
    const Uint256 initial{1000000000};  // EIP-1559's INITIAL_BASE_FEE
    EXPECT_EQ(calc_next_base_fee(10000000, 20000000, initial), initial);
    EXPECT_EQ(calc_next_base_fee(9000000, 20000000, initial), Uint256{987500000});
    EXPECT_EQ(calc_next_base_fee(11000000, 20000000, initial), Uint256{1012500000});
    EXPECT_EQ(calc_next_base_fee(20000000, 20000000, initial), Uint256{1125000000});  // full: +12.5%
    EXPECT_EQ(calc_next_base_fee(0, 20000000, initial), Uint256{875000000});          // empty: -12.5%
    EXPECT_EQ(calc_next_base_fee(10000001, 20000000, Uint256{7}),
              Uint256{8});                                               // at least +1 wei above target
    EXPECT_EQ(calc_next_base_fee(0, 20000000, Uint256{7}), Uint256{7});  // 7 / 8 rounds to no change
    EXPECT_EQ(calc_next_base_fee(0, 20000000, Uint256{}), Uint256{});
    EXPECT_EQ(calc_next_base_fee(5, 1, initial), initial);  // no target: unchanged
}

}  // namespace
}  // namespace optimist::tx
