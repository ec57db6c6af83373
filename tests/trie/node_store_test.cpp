// Stored nodes: lookup, prove and load_trie over what Trie::commit emitted agree with the
// in-memory trie; a loaded trie keeps updating and committing incrementally; missing,
// wrong and garbage nodes are errors, never crashes or wrong answers.
#include "../common/fuzz_cases.hpp"
#include "test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/node_store.hpp>
#include <optimist/trie/proof.hpp>
#include <optimist/trie/trie.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>

namespace optimist::trie {
namespace {

using test::random_bytes;

using optimist::test_common::fuzz_cases;

using Store = std::map<Hash, Bytes>;

NodeSource source_of(const Store& store) {
    return [&store](const Hash& h) -> std::optional<Bytes> {
        const auto it = store.find(h);
        if (it == store.end()) return std::nullopt;
        return it->second;
    };
}

// Commits `trie` into `store`; returns how many nodes it emitted.
std::size_t commit_into(Trie& trie, Store& store) {
    std::size_t emitted = 0;
    trie.commit([&](const Hash& h, ByteView encoded) {
        EXPECT_EQ(keccak256(encoded), h);
        store[h] = to_bytes(encoded);
        ++emitted;
    });
    return emitted;
}

std::optional<Bytes> truth(const test::Content& content, const Bytes& key) {
    const auto it = content.find(key);
    if (it == content.end()) return std::nullopt;
    return it->second;
}

// Present keys, their neighbours (longer, shorter, sibling) and random keys.
std::vector<Bytes> probes(const test::Content& content, std::mt19937_64& rng, std::size_t limit) {
    std::vector<Bytes> out;
    for (const auto& [k, v] : content) {
        if (out.size() >= limit) break;
        out.push_back(k);
        Bytes longer = k;
        longer.push_back(static_cast<std::uint8_t>(rng()));
        out.push_back(longer);
        if (!k.empty()) {
            out.emplace_back(k.begin(), k.end() - 1);
            Bytes sibling = k;
            sibling.back() ^= 0x10;
            out.push_back(sibling);
        }
    }
    for (int i = 0; i < 20; ++i) out.push_back(random_bytes(rng, rng() % 34));
    return out;
}

test::Content content_of(const Trie& trie) {
    test::Content out;
    trie.for_each([&](ByteView k, ByteView v) { out[to_bytes(k)] = to_bytes(v); });
    return out;
}

struct Case {
    std::size_t size;
    bool secure_keys;  // 32-byte keys, as in the state and storage tries
};

const Case kCases[] = {{0, false},   {1, false}, {2, false}, {3, false}, {10, false}, {60, false},
                       {400, false}, {1, true},  {2, true},  {17, true}, {300, true}, {2000, true}};

test::Content make_content(std::mt19937_64& rng, const Case& c) {
    return c.secure_keys ? test::random_fixed_content(rng, c.size) : test::random_content(rng, c.size);
}

TEST(NodeStore, LookupAndProveAgreeWithTrie) {
    std::mt19937_64 rng(301);
    for (const Case& c : kCases) {
        const test::Content content = make_content(rng, c);
        Trie trie;
        for (const auto& [k, v] : content) trie.put(k, v);
        Store store;
        commit_into(trie, store);
        const Hash root = trie.root_hash();
        const NodeSource source = source_of(store);
        for (const Bytes& key : probes(content, rng, 400)) {
            const auto found = lookup(source, root, key);
            ASSERT_TRUE(found) << c.size << " keys: " << to_string(found.error());
            EXPECT_EQ(*found, truth(content, key)) << c.size << " keys, key " << to_hex(key);
            const auto proof = prove(source, root, key);
            ASSERT_TRUE(proof) << to_string(proof.error());
            EXPECT_EQ(*proof, trie.prove(key)) << c.size << " keys, key " << to_hex(key);
            const auto verified = verify_proof(root, key, *proof);
            ASSERT_TRUE(verified) << to_string(verified.error());
            EXPECT_EQ(*verified, truth(content, key));
        }
    }
}

TEST(NodeStore, LoadedTrieEqualsOriginalAndCommitsIncrementally) {
    std::mt19937_64 rng(303);
    for (const Case& c : kCases) {
        const test::Content content = make_content(rng, c);
        Trie original;
        for (const auto& [k, v] : content) original.put(k, v);
        Store store;
        commit_into(original, store);
        const Hash root = original.root_hash();

        auto loaded = load_trie(source_of(store), root);
        ASSERT_TRUE(loaded) << c.size << " keys: " << to_string(loaded.error());
        Trie& t = *loaded;
        EXPECT_EQ(t.size(), content.size());
        EXPECT_EQ(t.root_hash(), root);
        EXPECT_EQ(content_of(t), content);
        EXPECT_EQ(commit_into(t, store), 0u) << "a freshly loaded trie has nothing to commit";

        // The same updates on both: equal roots; the loaded trie's commit stores exactly what
        // the new root needs, so loading the new root works from the store alone.
        test::Content updated = content;
        for (int round = 0; round < 3; ++round) {
            const test::Content extra = make_content(rng, Case{1 + c.size / 10, c.secure_keys});
            for (const auto& [k, v] : extra) {
                original.put(k, v);
                t.put(k, v);
                updated[k] = v;
            }
            std::size_t erased = 0;
            for (auto it = updated.begin(); it != updated.end() && erased < c.size / 7 + 1;) {
                if (rng() % 3 == 0) {
                    original.erase(it->first);
                    t.erase(it->first);
                    it = updated.erase(it);
                    ++erased;
                } else {
                    ++it;
                }
            }
            const Hash new_root = original.root_hash();
            ASSERT_EQ(t.root_hash(), new_root);
            Store fresh = store;  // what the loaded trie adds must complete the new root
            commit_into(t, fresh);
            auto reloaded = load_trie(source_of(fresh), new_root);
            ASSERT_TRUE(reloaded) << to_string(reloaded.error());
            EXPECT_EQ(reloaded->root_hash(), new_root);
            EXPECT_EQ(content_of(*reloaded), updated);
            store = std::move(fresh);
        }
    }
}

TEST(NodeStore, EmptyRoot) {
    const Store store;
    const NodeSource source = source_of(store);
    const auto found = lookup(source, kEmptyRoot, test::str_bytes("k"));
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->has_value());
    const auto proof = prove(source, kEmptyRoot, test::str_bytes("k"));
    ASSERT_TRUE(proof);
    EXPECT_TRUE(proof->empty());
    auto loaded = load_trie(source, kEmptyRoot);
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->empty());
    EXPECT_EQ(loaded->root_hash(), kEmptyRoot);
}

// A root small enough to be embedded is still stored (and found) by its hash.
TEST(NodeStore, SmallRoot) {
    Trie trie;
    trie.put(test::str_bytes("a"), test::str_bytes("b"));
    Store store;
    commit_into(trie, store);
    const Hash root = trie.root_hash();
    ASSERT_LT(store.at(root).size(), 32u);
    const auto found = lookup(source_of(store), root, test::str_bytes("a"));
    ASSERT_TRUE(found);
    EXPECT_EQ(*found, test::str_bytes("b"));
    auto loaded = load_trie(source_of(store), root);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->root_hash(), root);
    loaded->put(test::str_bytes("a"), test::str_bytes("c"));
    trie.put(test::str_bytes("a"), test::str_bytes("c"));
    EXPECT_EQ(loaded->root_hash(), trie.root_hash());
}

TEST(NodeStore, MissingAndWrongNodesAreErrors) {
    std::mt19937_64 rng(307);
    for (const Case& c : kCases) {
        if (c.size < 10) continue;
        const test::Content content = make_content(rng, c);
        Trie trie;
        for (const auto& [k, v] : content) trie.put(k, v);
        Store store;
        commit_into(trie, store);
        const Hash root = trie.root_hash();

        // The root itself missing.
        const Store none;
        EXPECT_EQ(lookup(source_of(none), root, content.begin()->first).error(), TrieError::missing_node);
        EXPECT_EQ(prove(source_of(none), root, content.begin()->first).error(), TrieError::missing_node);
        EXPECT_EQ(load_trie(source_of(none), root).error(), TrieError::missing_node);

        for (int i = 0; i < 8; ++i) {
            auto victim = store.begin();
            std::advance(victim, static_cast<std::ptrdiff_t>(rng() % store.size()));
            for (const bool wrong_bytes : {false, true}) {
                Store damaged = store;
                if (wrong_bytes)
                    damaged[victim->first] = random_bytes(rng, 40);
                else
                    damaged.erase(victim->first);
                const TrieError expected = wrong_bytes ? TrieError::hash_mismatch : TrieError::missing_node;
                const NodeSource source = source_of(damaged);
                // Keys whose path avoids the victim still read correctly; the others fail.
                std::size_t checked = 0;
                for (const auto& [k, v] : content) {
                    if (++checked > 200) break;
                    const auto found = lookup(source, root, k);
                    if (found) {
                        EXPECT_EQ(*found, std::optional<Bytes>(v));
                    } else {
                        EXPECT_EQ(found.error(), expected);
                    }
                }
                const auto loaded = load_trie(source, root);
                ASSERT_FALSE(loaded);
                EXPECT_EQ(loaded.error(), expected);
            }
        }
    }
}

// A random RLP list that looks like a node: 2 or 17 items of empty strings, short strings,
// hashes of stored nodes, or embedded lists.
Bytes random_node_like(std::mt19937_64& rng, const std::vector<Hash>& hashes) {
    const std::size_t items = rng() % 4 == 0 ? 1 + rng() % 18 : (rng() % 2 == 0 ? 2 : 17);
    std::vector<Bytes> encoded;
    for (std::size_t i = 0; i < items; ++i) {
        switch (rng() % 5) {
            case 0:
                encoded.push_back(rlp::encode_bytes({}));
                break;
            case 1:
                encoded.push_back(rlp::encode_bytes(random_bytes(rng, rng() % 6)));
                break;
            case 2:
                if (!hashes.empty()) {
                    encoded.push_back(rlp::encode_bytes(hashes[rng() % hashes.size()]));
                    break;
                }
                [[fallthrough]];
            case 3: {
                // A hex-prefix path (leaf or extension flag, odd or even).
                Bytes hp = random_bytes(rng, 1 + rng() % 4);
                hp[0] = static_cast<std::uint8_t>((rng() % 4) << 4 | (hp[0] & 0x0f));
                if ((hp[0] >> 4) % 2 == 0) hp[0] &= 0xf0;
                encoded.push_back(rlp::encode_bytes(hp));
                break;
            }
            default:
                encoded.push_back(rlp::encode_list({rlp::encode_bytes(random_bytes(rng, rng() % 3)),
                                                    rlp::encode_bytes(random_bytes(rng, rng() % 8))}));
                break;
        }
    }
    return rlp::encode_list(encoded);
}

Bytes mutate(std::mt19937_64& rng, Bytes node) {
    switch (rng() % 4) {
        case 0:  // flip a few bytes
            for (int i = 0, n = 1 + static_cast<int>(rng() % 3); i < n && !node.empty(); ++i)
                node[rng() % node.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
            break;
        case 1:  // truncate
            node.resize(rng() % (node.size() + 1));
            break;
        case 2:  // insert garbage
            node.insert(node.begin() + static_cast<std::ptrdiff_t>(rng() % (node.size() + 1)),
                        static_cast<std::uint8_t>(rng()));
            break;
        default:
            node = random_bytes(rng, rng() % 80);
            break;
    }
    return node;
}

// Garbage stored under its own hash, so it passes the hash check and reaches the decoder,
// used as the root of walks that continue into the real trie's nodes. Whatever the bytes:
// no crash; and whatever is accepted is consistent (load_trie re-hashes to the root, lookup
// agrees with the loaded trie, proofs verify).
TEST(NodeStore, GarbageNodesNeverCrash) {
    std::mt19937_64 rng(311);
    const std::size_t cases = fuzz_cases(3000);
    std::size_t accepted = 0;
    for (std::size_t round = 0; round * 100 < cases; ++round) {
        const Case c{1 + rng() % 60, rng() % 2 == 0};
        const test::Content content = make_content(rng, c);
        Trie trie;
        for (const auto& [k, v] : content) trie.put(k, v);
        Store store;
        commit_into(trie, store);
        std::vector<Hash> hashes;
        std::vector<const Bytes*> nodes;
        for (const auto& [h, n] : store) {
            hashes.push_back(h);
            nodes.push_back(&n);
        }
        const std::vector<Bytes> keys = probes(content, rng, 12);
        for (std::size_t i = 0; i < 100 && round * 100 + i < cases; ++i) {
            Store damaged = store;
            const Bytes garbage =
                rng() % 3 == 0 ? random_node_like(rng, hashes) : mutate(rng, *nodes[rng() % nodes.size()]);
            const Hash root = keccak256(garbage);
            damaged[root] = garbage;
            const NodeSource source = source_of(damaged);

            auto loaded = load_trie(source, root);
            if (loaded) {
                ++accepted;
                EXPECT_EQ(loaded->root_hash(), root) << to_hex(garbage);
                loaded->for_each([&](ByteView k, ByteView v) {
                    const auto found = lookup(source, root, k);
                    ASSERT_TRUE(found);
                    EXPECT_EQ(*found, std::optional<Bytes>(to_bytes(v)));
                });
            }
            for (const Bytes& key : keys) {
                const auto found = lookup(source, root, key);
                const auto proof = prove(source, root, key);
                ASSERT_EQ(found.ok(), proof.ok());
                if (!found) continue;
                if (loaded) {
                    const auto expected = loaded->get(key);
                    EXPECT_EQ(*found, expected ? std::optional<Bytes>(to_bytes(*expected)) : std::nullopt);
                }
                // The verifier is at least as strict as the reader; when it accepts, it agrees.
                const auto verified = verify_proof(root, key, *proof);
                if (verified) {
                    EXPECT_EQ(*verified, *found) << to_hex(garbage);
                }
            }
        }
    }
    // Some mutants (e.g. a changed value byte) are valid nodes; the walk must cover them too.
    EXPECT_GT(accepted, 0u);
}

}  // namespace
}  // namespace optimist::trie
