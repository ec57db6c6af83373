// ethereum/tests TrieTests: every case, one test each, with the root taken from the
// fixture. Each case is checked through every way this module computes a root (the
// mutable trie in fixture order and in other orders, the one-shot builder) and every
// final entry's proof is verified against the fixture's root.
#include "test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/trie/proof.hpp>
#include <optimist/trie/secure_trie.hpp>
#include <optimist/trie/trie.hpp>
#include <optimist/trie/trie_root.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace optimist::trie {
namespace {

using nlohmann::json;

json load(const std::string& file) {
    std::ifstream in(std::string(OPTIMIST_ETHTESTS_DIR) + "/TrieTests/" + file);
    if (!in) return json();
    json parsed = json::parse(in, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? json() : parsed;
}

// Fixture strings are hex when "0x"-prefixed (or in a hexEncoded case), raw bytes otherwise.
std::optional<Bytes> decode_field(const std::string& s, bool hex_encoded) {
    if (hex_encoded || s.starts_with("0x")) {
        auto bytes = from_hex(s);
        if (!bytes) return std::nullopt;
        return *bytes;
    }
    return test::str_bytes(s);
}

struct TrieCase {
    std::string file;
    std::string name;
    bool secure = false;
    bool any_order = false;
    json data;
};

std::string test_name(const TrieCase& c) {
    std::string out = c.file.substr(0, c.file.find('.')) + "_" + c.name;
    for (char& ch : out)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return out;
}

std::vector<TrieCase> all_cases() {
    struct File {
        const char* name;
        bool secure;
    };
    const File files[] = {{"trietest.json", false},
                          {"trieanyorder.json", false},
                          {"trietest_secureTrie.json", true},
                          {"hex_encoded_securetrie_test.json", true}};
    std::vector<TrieCase> cases;
    for (const File& f : files) {
        const json data = load(f.name);
        for (const auto& [name, body] : data.items())
            cases.push_back({f.name, name, f.secure, body["in"].is_object(), body});
    }
    return cases;
}

// One put per fixture row; nullopt is a deletion (JSON null).
using Op = std::pair<Bytes, std::optional<Bytes>>;

class TrieConformance : public ::testing::TestWithParam<TrieCase> {};

TEST_P(TrieConformance, RootMatchesFixture) {
    const TrieCase& c = GetParam();
    const std::string where = c.file + " / " + c.name;
    const bool hex_encoded = c.data.value("hexEncoded", false);

    std::vector<Op> ops;
    auto add_row = [&](const std::string& key, const json& value) {
        auto k = decode_field(key, hex_encoded);
        ASSERT_TRUE(k) << where << ": bad key " << key;
        if (value.is_null()) {
            ops.emplace_back(*k, std::nullopt);
            return;
        }
        auto v = decode_field(value.get<std::string>(), hex_encoded);
        ASSERT_TRUE(v) << where << ": bad value " << value;
        ops.emplace_back(*k, *v);
    };
    if (c.any_order) {
        for (const auto& [key, value] : c.data["in"].items()) add_row(key, value);
    } else {
        for (const auto& row : c.data["in"]) add_row(row[0].get<std::string>(), row[1]);
    }
    auto expected = fixed_from_hex<32>(c.data["root"].get<std::string>());
    ASSERT_TRUE(expected) << where;

    // The final content, applying rows in order as the fixture does.
    test::Content content;
    for (const auto& [k, v] : ops) {
        if (v && !v->empty())
            content[k] = *v;
        else
            content.erase(k);
    }
    auto trie_key = [&](const Bytes& k) { return c.secure ? to_bytes(keccak256(k)) : k; };

    auto apply = [&](const std::vector<Op>& rows) {
        Trie trie;
        for (const auto& [k, v] : rows) {
            if (v)
                trie.put(trie_key(k), *v);
            else
                trie.erase(trie_key(k));
        }
        return trie;
    };

    Trie trie = apply(ops);
    EXPECT_EQ(to_hex(trie.root_hash()), to_hex(*expected)) << where << ": mutable trie, fixture order";
    EXPECT_EQ(trie.size(), content.size()) << where;

    if (c.secure) {
        SecureTrie secure;
        for (const auto& [k, v] : ops) {
            if (v)
                secure.put(k, *v);
            else
                secure.erase(k);
        }
        EXPECT_EQ(to_hex(secure.root_hash()), to_hex(*expected)) << where << ": SecureTrie";
    }

    // Any order of the final content gives the same root. (For ordered fixtures the rows
    // themselves cannot be shuffled: a deletion must follow its insertion.)
    std::vector<Op> final_rows;
    for (const auto& [k, v] : content) final_rows.emplace_back(k, v);
    std::mt19937_64 rng(42);
    for (int round = 0; round < 5; ++round) {
        std::shuffle(final_rows.begin(), final_rows.end(), rng);
        EXPECT_EQ(to_hex(apply(final_rows).root_hash()), to_hex(*expected))
            << where << ": shuffled order " << round;
    }

    // The one-shot builder over the raw rows (deletions as empty values, last row wins).
    std::vector<std::pair<Bytes, Bytes>> items;
    items.reserve(ops.size());
    for (const auto& [k, v] : ops) items.emplace_back(k, v.value_or(Bytes{}));
    const Hash one_shot = c.secure ? secure_trie_root(items) : [&] {
        for (auto& item : items) item.first = trie_key(item.first);
        return trie_root(items);
    }();
    EXPECT_EQ(to_hex(one_shot), to_hex(*expected)) << where << ": trie_root";

    // Every entry proves present against the fixture root, every deleted key absent.
    for (const auto& [k, v] : ops) {
        const Bytes key = trie_key(k);
        const auto proof = trie.prove(key);
        const auto verified = verify_proof(*expected, key, proof);
        ASSERT_TRUE(verified) << where << ": proof for " << to_hex(k) << ": " << to_string(verified.error());
        const auto it = content.find(k);
        if (it == content.end()) {
            EXPECT_FALSE(verified->has_value()) << where << ": deleted key " << to_hex(k);
        } else {
            ASSERT_TRUE(verified->has_value()) << where << ": key " << to_hex(k);
            EXPECT_EQ(**verified, it->second) << where << ": key " << to_hex(k);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(TrieTests, TrieConformance, ::testing::ValuesIn(all_cases()),
                         [](const auto& param_info) { return test_name(param_info.param); });

// trietestnextprev.json: rows are [key, previous key, next key], "" meaning none.
TEST(TrieNextPrevConformance, AllCases) {
    const json data = load("trietestnextprev.json");
    ASSERT_FALSE(data.is_null()) << "TrieTests/trietestnextprev.json not found";
    ASSERT_GT(data.size(), 0u);
    for (const auto& [name, body] : data.items()) {
        Trie trie;
        for (const auto& key : body["in"]) {
            const Bytes k = test::str_bytes(key.get<std::string>());
            trie.put(k, k);  // the fixture gives keys only; any non-empty value will do
        }
        for (const auto& row : body["tests"]) {
            const Bytes key = test::str_bytes(row[0].get<std::string>());
            const std::string prev = row[1].get<std::string>();
            const std::string next = row[2].get<std::string>();
            const std::string where = name + " / key \"" + row[0].get<std::string>() + "\"";
            const auto p = trie.prev_key(key);
            const auto n = trie.next_key(key);
            EXPECT_EQ(p ? std::string(p->begin(), p->end()) : std::string(), prev) << where << ": prev";
            EXPECT_EQ(n ? std::string(n->begin(), n->end()) : std::string(), next) << where << ": next";
        }
    }
}

// Guards against a silently empty run (missing or renamed fixture files).
TEST(TrieConformanceFixtures, AllFilesLoaded) { EXPECT_EQ(all_cases().size(), 18u); }

}  // namespace
}  // namespace optimist::trie
