// Unit tests of the trie module: encodings, the mutable trie, its caches and commits,
// the one-shot builder and the ordered walks.
#include "test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/nibbles.hpp>
#include <optimist/trie/secure_trie.hpp>
#include <optimist/trie/trie.hpp>
#include <optimist/trie/trie_root.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace optimist::trie {
namespace {

using test::as_items;
using test::random_bytes;
using test::random_content;
using test::random_fixed_content;
using test::str_bytes;

Bytes hex(std::string_view s) { return from_hex(s).value(); }

Hash root_of(const test::Content& content) { return trie_root(as_items(content)); }

Trie build(const test::Content& content) {
    Trie trie;
    for (const auto& [k, v] : content) trie.put(k, v);
    return trie;
}

// --- hex-prefix encoding (Yellow Paper, appendix C; examples from the Ethereum wiki) ---

TEST(HexPrefix, EncodesFlagAndParity) {
    EXPECT_EQ(hex_prefix_encode(hex("0102030405"), false), hex("112345"));
    EXPECT_EQ(hex_prefix_encode(hex("000102030405"), false), hex("00012345"));
    EXPECT_EQ(hex_prefix_encode(hex("000f010c0b08"), true), hex("200f1cb8"));
    EXPECT_EQ(hex_prefix_encode(hex("0f010c0b08"), true), hex("3f1cb8"));
    EXPECT_EQ(hex_prefix_encode({}, true), hex("20"));
    EXPECT_EQ(hex_prefix_encode({}, false), hex("00"));
}

TEST(HexPrefix, DecodeRoundTripsAndRejectsNonCanonical) {
    std::mt19937_64 rng(1);
    for (int i = 0; i < 200; ++i) {
        Bytes path(rng() % 9);
        for (auto& n : path) n = static_cast<std::uint8_t>(rng() % 16);
        const bool leaf = rng() % 2 == 0;
        const auto decoded = hex_prefix_decode(hex_prefix_encode(path, leaf));
        ASSERT_TRUE(decoded);
        EXPECT_EQ(decoded->nibbles, path);
        EXPECT_EQ(decoded->is_leaf, leaf);
    }
    EXPECT_FALSE(hex_prefix_decode({}));
    EXPECT_FALSE(hex_prefix_decode(hex("4012")));  // flag nibble above 3
    EXPECT_FALSE(hex_prefix_decode(hex("0512")));  // even length with non-zero padding
    EXPECT_FALSE(hex_prefix_decode(hex("2f")));
}

TEST(Nibbles, SplitJoinCompare) {
    EXPECT_EQ(to_nibbles(hex("a1ff00")), hex("0a010f0f0000"));
    EXPECT_EQ(from_nibbles(hex("0a010f0f0000")), hex("a1ff00"));
    EXPECT_EQ(common_prefix_length(hex("010203"), hex("010204")), 2u);
    EXPECT_LT(compare_nibbles(hex("0102"), hex("010200")), 0);  // a proper prefix sorts first
    EXPECT_GT(compare_nibbles(hex("02"), hex("010f")), 0);
    EXPECT_EQ(compare_nibbles(hex("0102"), hex("0102")), 0);
}

// --- roots ---

TEST(Trie, EmptyRootIsHashOfEmptyString) {
    const Bytes empty_string = rlp::encode_bytes({});
    EXPECT_EQ(kEmptyRoot, keccak256(empty_string));
    EXPECT_EQ(to_hex(kEmptyRoot), "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    Trie trie;
    EXPECT_EQ(trie.root_hash(), kEmptyRoot);
    EXPECT_TRUE(trie.empty());
    EXPECT_EQ(trie_root(std::vector<std::pair<Bytes, Bytes>>{}), kEmptyRoot);
    EXPECT_EQ(ordered_trie_root({}), kEmptyRoot);
    EXPECT_TRUE(trie.prove(str_bytes("x")).empty());
}

// The root of one key is the hash of one leaf, [HP(key, leaf), value], built here with
// the RLP encoder directly rather than through the trie's own encoders.
Hash single_leaf_root(ByteView key, ByteView value) {
    rlp::Encoder e;
    const auto mark = e.begin_list();
    e.add_bytes(hex_prefix_encode(to_nibbles(key), true));
    e.add_bytes(value);
    e.end_list(mark);
    return keccak256(e.bytes());
}

TEST(Trie, SingleKey) {
    std::mt19937_64 rng(3);
    for (const auto& [key, value] : std::vector<std::pair<Bytes, Bytes>>{
             {str_bytes("A"), Bytes(50, 'a')},  // node over 32 bytes
             {str_bytes("k"), str_bytes("v")},  // node under 32 bytes, still hashed
             {Bytes{}, hex("01")},              // the empty key
             {random_bytes(rng, 32), Bytes(32, 7)}}) {
        Trie trie;
        trie.put(key, value);
        EXPECT_EQ(trie.root_hash(), single_leaf_root(key, value)) << to_hex(key);
        EXPECT_EQ(trie_root(std::vector{std::pair{key, value}}), single_leaf_root(key, value));
        EXPECT_EQ(trie.size(), 1u);
        ASSERT_TRUE(trie.get(key));
        EXPECT_EQ(to_bytes(*trie.get(key)), value);
    }
}

TEST(Trie, InsertOrderDoesNotMatter) {
    std::mt19937_64 rng(7);
    const auto content = random_content(rng, 300);
    auto items = as_items(content);
    const Hash expected = build(content).root_hash();
    for (int round = 0; round < 10; ++round) {
        std::shuffle(items.begin(), items.end(), rng);
        Trie trie;
        for (const auto& [k, v] : items) trie.put(k, v);
        EXPECT_EQ(trie.root_hash(), expected) << "permutation " << round;
    }
}

TEST(Trie, EraseRestoresPreviousRoot) {
    std::mt19937_64 rng(11);
    const auto base = random_content(rng, 200);
    Trie trie = build(base);
    const Hash before = trie.root_hash();
    // Extra keys, some of them prefixes or extensions of existing keys.
    std::vector<Bytes> extra;
    for (const auto& [k, v] : base) {
        if (extra.size() >= 100) break;
        Bytes longer = k;
        longer.push_back(static_cast<std::uint8_t>(rng()));
        if (!base.contains(longer)) extra.push_back(longer);
        if (!k.empty()) {
            Bytes shorter(k.begin(), k.end() - 1);
            if (!base.contains(shorter) && std::find(extra.begin(), extra.end(), shorter) == extra.end())
                extra.push_back(shorter);
        }
    }
    for (const auto& k : extra) trie.put(k, str_bytes("extra"));
    EXPECT_NE(trie.root_hash(), before);
    std::shuffle(extra.begin(), extra.end(), rng);
    for (const auto& k : extra) EXPECT_TRUE(trie.erase(k));
    EXPECT_EQ(trie.root_hash(), before);
    EXPECT_EQ(trie.size(), base.size());
    // Erasing everything gives the empty trie; erasing again is a no-op.
    for (const auto& [k, v] : base) EXPECT_TRUE(trie.erase(k));
    EXPECT_EQ(trie.root_hash(), kEmptyRoot);
    EXPECT_TRUE(trie.empty());
    EXPECT_FALSE(trie.erase(base.begin()->first));
}

TEST(Trie, GetAfterPutAndErase) {
    std::mt19937_64 rng(13);
    test::Content model;
    Trie trie;
    for (int step = 0; step < 5000; ++step) {
        Bytes key(rng() % 4);
        for (auto& b : key) b = static_cast<std::uint8_t>(rng() % 3);
        switch (rng() % 4) {
            case 0:
                EXPECT_EQ(trie.erase(key), model.erase(key) == 1);
                break;
            case 1:  // an empty value erases too
                trie.put(key, {});
                model.erase(key);
                break;
            default: {
                const Bytes value = random_bytes(rng, 1 + rng() % 40);
                trie.put(key, value);
                model[key] = value;
            }
        }
        ASSERT_EQ(trie.size(), model.size());
        for (std::size_t len = 0; len < 4; ++len) {
            Bytes probe(key.begin(), key.begin() + static_cast<std::ptrdiff_t>(std::min(len, key.size())));
            const auto got = trie.get(probe);
            const auto it = model.find(probe);
            ASSERT_EQ(got.has_value(), it != model.end()) << to_hex(probe);
            if (got) {
                ASSERT_EQ(to_bytes(*got), it->second);
            }
        }
        if (step % 250 == 0) {
            ASSERT_EQ(trie.root_hash(), root_of(model)) << "step " << step;
        }
    }
    EXPECT_EQ(trie.root_hash(), root_of(model));
}

TEST(Trie, PutSameValueKeepsRootAndCommitsNothing) {
    std::mt19937_64 rng(17);
    const auto content = random_fixed_content(rng, 100);
    Trie trie = build(content);
    trie.commit([](const Hash&, ByteView) {});
    for (const auto& [k, v] : content) trie.put(k, v);
    int emitted = 0;
    trie.commit([&](const Hash&, ByteView) { ++emitted; });
    EXPECT_EQ(emitted, 0);
}

TEST(Trie, IncrementalRootMatchesFromScratch) {
    std::mt19937_64 rng(19);
    auto content = random_fixed_content(rng, 10'000);
    Trie trie = build(content);
    ASSERT_EQ(trie.root_hash(), root_of(content));
    for (const std::size_t k : {1u, 10u, 100u, 1000u}) {
        std::vector<Bytes> keys;
        for (const auto& [key, v] : content) keys.push_back(key);
        for (std::size_t i = 0; i < k; ++i) {
            const Bytes& key = keys[rng() % keys.size()];
            switch (rng() % 3) {
                case 0:  // replace
                    content[key] = random_bytes(rng, 32);
                    trie.put(key, content[key]);
                    break;
                case 1:  // insert
                {
                    const Bytes fresh = random_bytes(rng, 32);
                    content[fresh] = random_bytes(rng, 1 + rng() % 64);
                    trie.put(fresh, content[fresh]);
                    break;
                }
                default:  // erase
                    if (content.erase(key) == 1) {
                        EXPECT_TRUE(trie.erase(key));
                    }
                    break;
            }
        }
        EXPECT_EQ(trie.root_hash(), root_of(content)) << k << " updates";
        EXPECT_EQ(trie.size(), content.size());
    }
}

// --- commit ---

using NodeStore = std::map<Hash, Bytes>;

// Every node reachable from `root` through hashed references, resolved from `store`.
// Fails the test on a node missing from the store.
void expect_complete(const NodeStore& store, const Hash& root) {
    std::vector<Hash> pending{root};
    while (!pending.empty()) {
        const Hash h = pending.back();
        pending.pop_back();
        const auto it = store.find(h);
        ASSERT_NE(it, store.end()) << "missing node " << to_hex(h);
        // Collect the 32-byte strings inside the node (references to hashed children).
        std::vector<ByteView> todo{it->second};
        while (!todo.empty()) {
            const ByteView enc = todo.back();
            todo.pop_back();
            auto item = rlp::decode(enc);
            ASSERT_TRUE(item);
            auto fields = rlp::decode_list(*item);
            ASSERT_TRUE(fields);
            const bool is_leaf = fields->size() == 2 && hex_prefix_decode((*fields)[0].payload)->is_leaf;
            const std::size_t refs = fields->size() == 17 ? 16 : (is_leaf ? 0 : 2);
            for (std::size_t i = (fields->size() == 2 ? 1 : 0); i < refs; ++i) {
                const auto& f = (*fields)[i];
                if (f.is_list)
                    todo.push_back(f.encoded);
                else if (f.payload.size() == 32)
                    pending.push_back(Hash::right_aligned(f.payload));
            }
        }
    }
}

TEST(Trie, CommitEmitsOnlyChangedNodes) {
    std::mt19937_64 rng(23);
    auto content = random_fixed_content(rng, 2000);
    Trie trie = build(content);

    NodeStore store;
    std::vector<Hash> emitted;
    auto sink = [&](const Hash& h, ByteView enc) {
        EXPECT_EQ(keccak256(enc), h);
        emitted.push_back(h);
        store[h] = to_bytes(enc);
    };
    trie.commit(sink);
    EXPECT_EQ(emitted.size(), store.size()) << "a node emitted twice in one commit";
    expect_complete(store, trie.root_hash());

    emitted.clear();
    trie.commit(sink);
    EXPECT_TRUE(emitted.empty()) << "nothing changed, yet " << emitted.size() << " nodes emitted";

    // Replacing one value changes exactly the hashed nodes on its path: those in its proof.
    const Bytes key = std::next(content.begin(), 777)->first;
    trie.put(key, str_bytes("a new value that is long enough to be hashed, not embedded"));
    std::set<Hash> on_path;
    for (const auto& node : trie.prove(key)) on_path.insert(keccak256(node));
    emitted.clear();
    trie.commit(sink);
    EXPECT_EQ(std::set<Hash>(emitted.begin(), emitted.end()), on_path);
    EXPECT_EQ(emitted.size(), on_path.size());
    EXPECT_EQ(emitted.back(), trie.root_hash()) << "the root comes last (children first)";
    expect_complete(store, trie.root_hash());

    // A batch of inserts and erases: the union of all commits always covers the trie.
    for (int round = 0; round < 5; ++round) {
        emitted.clear();
        for (int i = 0; i < 50; ++i) {
            auto it = std::next(content.begin(), static_cast<std::ptrdiff_t>(rng() % content.size()));
            trie.erase(it->first);
            content.erase(it);
            const Bytes fresh = random_bytes(rng, 32);
            content[fresh] = random_bytes(rng, 32);
            trie.put(fresh, content[fresh]);
        }
        trie.commit(sink);
        EXPECT_LE(emitted.size(), 100u * 8) << "re-emitted far more than the touched paths";
        expect_complete(store, trie.root_hash());
        ASSERT_EQ(trie.root_hash(), root_of(content));
    }
}

TEST(Trie, CommitEmitsSmallRoot) {
    Trie trie;
    trie.put(str_bytes("k"), str_bytes("v"));
    NodeStore store;
    trie.commit([&](const Hash& h, ByteView enc) { store[h] = to_bytes(enc); });
    ASSERT_EQ(store.size(), 1u);
    EXPECT_EQ(store.begin()->first, trie.root_hash());
    // Shrinking a trie so that an embedded leaf becomes the root still emits that root.
    Trie two;
    two.put(str_bytes("a"), str_bytes("1"));
    two.put(str_bytes("b"), str_bytes("2"));
    NodeStore s2;
    auto sink = [&](const Hash& h, ByteView enc) { s2[h] = to_bytes(enc); };
    two.commit(sink);
    two.erase(str_bytes("b"));
    two.commit(sink);
    EXPECT_TRUE(s2.contains(two.root_hash()));
}

// --- one-shot builder ---

TEST(TrieRoot, MatchesMutableTrie) {
    std::mt19937_64 rng(29);
    for (const std::size_t n : {1u, 2u, 3u, 5u, 17u, 100u, 1000u}) {
        for (int round = 0; round < 5; ++round) {
            const auto content = random_content(rng, n);
            EXPECT_EQ(root_of(content), build(content).root_hash()) << n << " keys, round " << round;
        }
    }
}

TEST(TrieRoot, LastDuplicateWinsAndEmptyValueDeletes) {
    std::vector<std::pair<Bytes, Bytes>> items{{str_bytes("dog"), str_bytes("puppy")},
                                               {str_bytes("do"), str_bytes("verb")},
                                               {str_bytes("dog"), str_bytes("hound")},
                                               {str_bytes("doge"), str_bytes("coin")},
                                               {str_bytes("doge"), {}},
                                               {str_bytes("horse"), {}}};
    Trie trie;
    for (const auto& [k, v] : items) trie.put(k, v);
    EXPECT_EQ(trie_root(items), trie.root_hash());
    EXPECT_EQ(trie.size(), 2u);
}

TEST(TrieRoot, OrderedAndSecureVariants) {
    std::mt19937_64 rng(31);
    std::vector<Bytes> values;
    values.reserve(300);
    for (int i = 0; i < 300; ++i) values.push_back(random_bytes(rng, 1 + rng() % 120));
    Trie list;
    for (std::size_t i = 0; i < values.size(); ++i) {
        rlp::Encoder e;
        e.add_uint(static_cast<std::uint64_t>(i));
        list.put(e.bytes(), values[i]);
    }
    EXPECT_EQ(ordered_trie_root(values), list.root_hash());

    const auto content = random_content(rng, 200);
    SecureTrie secure;
    for (const auto& [k, v] : content) secure.put(k, v);
    EXPECT_EQ(secure_trie_root(as_items(content)), secure.root_hash());
    ASSERT_TRUE(secure.get(content.begin()->first));
    EXPECT_EQ(to_bytes(*secure.get(content.begin()->first)), content.begin()->second);
    EXPECT_TRUE(secure.raw().contains(keccak256(content.begin()->first)));
}

TEST(Trie, MoveLeavesSourceEmpty) {
    std::mt19937_64 rng(41);
    const auto content = random_content(rng, 50);
    Trie a = build(content);
    const Hash root = a.root_hash();
    Trie b = std::move(a);
    EXPECT_EQ(b.root_hash(), root);
    EXPECT_EQ(b.size(), content.size());
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
    EXPECT_EQ(a.root_hash(), kEmptyRoot);
    a.put(str_bytes("k"), str_bytes("v"));  // and usable
    EXPECT_EQ(a.size(), 1u);
    a = std::move(b);
    EXPECT_EQ(a.root_hash(), root);
}

// --- ordered walks ---

TEST(Trie, NextPrevAndForEachFollowByteOrder) {
    std::mt19937_64 rng(37);
    const auto content = random_content(rng, 500);
    const Trie trie = build(content);

    std::vector<Bytes> walked;
    trie.for_each([&](ByteView k, ByteView v) {
        walked.push_back(to_bytes(k));
        EXPECT_EQ(to_bytes(v), content.at(to_bytes(k)));
    });
    std::vector<Bytes> keys;
    for (const auto& [k, v] : content) keys.push_back(k);
    EXPECT_EQ(walked, keys);

    // Probes: every key, its neighbours by one byte, and random strings.
    std::vector<Bytes> probes = keys;
    for (const auto& k : keys) {
        Bytes longer = k;
        longer.push_back(0);
        probes.push_back(longer);
        if (!k.empty()) probes.emplace_back(k.begin(), k.end() - 1);
    }
    for (int i = 0; i < 500; ++i) probes.push_back(random_bytes(rng, rng() % 5));
    for (const auto& probe : probes) {
        const auto hi = content.upper_bound(probe);
        const auto next = trie.next_key(probe);
        ASSERT_EQ(next.has_value(), hi != content.end()) << to_hex(probe);
        if (next) {
            EXPECT_EQ(*next, hi->first) << to_hex(probe);
        }
        const auto lo = content.lower_bound(probe);
        const auto prev = trie.prev_key(probe);
        ASSERT_EQ(prev.has_value(), lo != content.begin()) << to_hex(probe);
        if (prev) {
            EXPECT_EQ(*prev, std::prev(lo)->first) << to_hex(probe);
        }
    }
    EXPECT_FALSE(Trie().next_key({}));
    EXPECT_FALSE(Trie().prev_key(str_bytes("z")));
}

}  // namespace
}  // namespace optimist::trie
