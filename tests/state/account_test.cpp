#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/state/account.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/trie/trie_root.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace optimist::state {
namespace {

TEST(Account, EmptyConstantsAreTheKnownHashes) {
    EXPECT_EQ(kEmptyCodeHash, keccak256(Bytes{}));
    EXPECT_EQ(kEmptyTrieRoot, keccak256(Bytes{0x80}));
}

// TrieTests/hex_encoded_securetrie_test.json is a real state trie: its values are account
// RLPs. Decoding each into an Account and encoding it again must give the same bytes, which
// pins the field order [nonce, balance, storage_root, code_hash].
TEST(Account, EncodingMatchesStateTrieFixtures) {
    std::ifstream in(OPTIMIST_ETHTESTS_DIR "/TrieTests/hex_encoded_securetrie_test.json");
    if (!in) GTEST_SKIP() << "ethtests not unpacked";
    const auto cases = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& [name, c] : cases.items()) {
        for (const auto& [addr, value] : c["in"].items()) {
            const Bytes encoded = *from_hex(value.get<std::string>());
            auto item = rlp::decode(encoded);
            ASSERT_TRUE(item) << name;
            auto fields = rlp::decode_list(*item);
            ASSERT_TRUE(fields && fields->size() == 4) << name;
            Account a;
            a.nonce = *rlp::decode_uint64((*fields)[0]);
            a.balance = *rlp::decode_uint256((*fields)[1]);
            a.storage_root = *rlp::decode_fixed<32>((*fields)[2]);
            a.code_hash = *rlp::decode_fixed<32>((*fields)[3]);
            EXPECT_EQ(encode_account(a), encoded) << name << " " << addr;
            ++checked;
        }
    }
    EXPECT_GT(checked, 5);
}

TEST(Account, EmptyLogsHashIsKeccakOfEmptyList) {
    EXPECT_EQ(to_hex(logs_hash({})), "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
}

TEST(Account, LogsHashEncodesAddressTopicsData) {
    Log log;
    log.address[19] = 0x01;
    log.topics.push_back(Hash{});
    log.data = {0xaa};
    // [[address, [topic], data]] built by hand.
    rlp::Encoder e;
    auto outer = e.begin_list();
    auto entry = e.begin_list();
    e.add_bytes(log.address);
    auto topics = e.begin_list();
    e.add_bytes(log.topics[0]);
    e.end_list(topics);
    e.add_bytes(log.data);
    e.end_list(entry);
    e.end_list(outer);
    EXPECT_EQ(logs_hash({log}), keccak256(e.bytes()));
}

TEST(InMemoryState, EmptyStateHasEmptyRoot) { EXPECT_EQ(InMemoryState{}.state_root(), kEmptyTrieRoot); }

TEST(InMemoryState, RootCommitsToAccountsAndStorage) {
    InMemoryState s;
    Address a;
    a[19] = 0xaa;
    s.put_account(a, {.nonce = 1, .balance = Uint256(1000), .code = {0x60, 0x00}, .storage = {{Uint256(1), Uint256(7)}}});

    // The same root computed by hand from the trie primitives.
    const Hash slot_key = Uint256(1).to_hash();
    std::vector<std::pair<Bytes, Bytes>> slots{{Bytes(slot_key.begin(), slot_key.end()), rlp::encode_uint(Uint256(7))}};
    Account acc{.nonce = 1, .balance = Uint256(1000), .code_hash = keccak256(Bytes{0x60, 0x00}),
                .storage_root = trie::secure_trie_root(slots)};
    std::vector<std::pair<Bytes, Bytes>> accounts{{Bytes(a.begin(), a.end()), encode_account(acc)}};
    EXPECT_EQ(s.state_root(), trie::secure_trie_root(accounts));
    EXPECT_EQ(s.read_account(a)->storage_root, acc.storage_root);

    // Zero-valued slots are not stored and do not change the root.
    const Hash before = s.state_root();
    auto stored = s.accounts().at(a);
    stored.storage[Uint256(2)] = Uint256(0);
    s.put_account(a, stored);
    EXPECT_EQ(s.state_root(), before);
}

}  // namespace
}  // namespace optimist::state
