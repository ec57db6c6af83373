// PartialTrie and witnesses: a prover's run over the full store records a witness from
// which a verifier replays the same operations to the same values, root and committed
// nodes as a full Trie; a witness lacking a node the replay needs, or holding a tampered
// one, fails with the matching error and leaves the trie unchanged; garbage nodes and
// roots are errors, never crashes.
#include "../common/fuzz_cases.hpp"
#include "test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/nibbles.hpp>
#include <optimist/trie/node_store.hpp>
#include <optimist/trie/partial_trie.hpp>
#include <optimist/trie/trie.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <iterator>
#include <map>
#include <random>

namespace optimist::trie {
namespace {

using test::random_bytes;

using optimist::test_common::fuzz_cases;

using Store = std::map<Hash, Bytes>;

// Refers to `store`, which must outlive the source.
NodeSource source_of(const Store& store) {
    return [&store](const Hash& h) -> std::optional<Bytes> {
        const auto it = store.find(h);
        if (it == store.end()) return std::nullopt;
        return it->second;
    };
}

// What commit() emitted.
template <typename T>
Store committed(T& trie) {
    Store out;
    trie.commit([&](const Hash& h, ByteView encoded) {
        EXPECT_EQ(keccak256(encoded), h);
        out[h] = to_bytes(encoded);
    });
    return out;
}

// --- operation batches ---

struct Op {
    enum Kind { get, put, erase } kind;
    Bytes key;
    Bytes value;  // put only; empty erases
};

// What an operation returned: get's value; for erase, {1} when the key was present.
using Outcome = std::optional<Bytes>;

Bytes random_value(std::mt19937_64& rng) {
    switch (rng() % 4) {
        case 0:
            return {static_cast<std::uint8_t>(rng() % 0x80)};
        case 1:
            return random_bytes(rng, 1 + rng() % 8);
        case 2:
            return random_bytes(rng, 20 + rng() % 20);
        default:
            return random_bytes(rng, 40 + rng() % 80);
    }
}

Bytes random_key(std::mt19937_64& rng, bool fixed) {
    if (fixed) return random_bytes(rng, 32);
    Bytes key(rng() % 7);
    for (auto& b : key) b = static_cast<std::uint8_t>(rng() % 4 * 0x11);
    return key;
}

// A key sharing a prefix with `key`, so that inserting it splits a leaf or an extension
// (or, for variable keys, puts a value into a branch or below a leaf).
Bytes neighbour_key(std::mt19937_64& rng, Bytes key, bool fixed) {
    if (key.empty() || (!fixed && rng() % 3 == 0)) {
        key.push_back(static_cast<std::uint8_t>(rng() % 4 * 0x11));
        return key;
    }
    if (!fixed && rng() % 2 == 0) {
        key.pop_back();
        return key;
    }
    const std::size_t pos = fixed ? rng() % key.size() : key.size() - 1;
    key[pos] ^= rng() % 2 == 0 ? 0x01 : 0x10;  // differ in the low or the high nibble
    return key;
}

// 32-byte keys as in the state trie, a fifth of them near another key so that the trie
// holds extensions and deep branches (otherwise random keys only give a few branch levels).
test::Content make_content(std::mt19937_64& rng, std::size_t n, bool fixed) {
    if (!fixed) return test::random_content(rng, n);
    test::Content content = test::random_fixed_content(rng, n - n / 5);
    while (content.size() < n) {
        const auto it = std::next(content.begin(), static_cast<std::ptrdiff_t>(rng() % content.size()));
        content[neighbour_key(rng, it->first, true)] = random_value(rng);
    }
    return content;
}

const Bytes& any_key(std::mt19937_64& rng, const test::Content& model) {
    return std::next(model.begin(), static_cast<std::ptrdiff_t>(rng() % model.size()))->first;
}

// `n` operations on the content `model` holds, which is updated as they are drawn.
std::vector<Op> make_batch(std::mt19937_64& rng, test::Content& model, bool fixed, std::size_t n) {
    std::vector<Op> ops;
    while (ops.size() < n) {
        const unsigned kind = rng() % 10;
        if (model.empty() && kind != 2) {
            ops.push_back({Op::put, random_key(rng, fixed), random_value(rng)});
        } else if (kind == 0) {
            ops.push_back({Op::get, any_key(rng, model), {}});
        } else if (kind == 1) {
            ops.push_back({Op::get, neighbour_key(rng, any_key(rng, model), fixed), {}});
        } else if (kind == 2) {
            ops.push_back({Op::put, random_key(rng, fixed), random_value(rng)});
        } else if (kind == 3) {
            ops.push_back({Op::put, any_key(rng, model), random_value(rng)});
        } else if (kind <= 5) {
            ops.push_back({Op::put, neighbour_key(rng, any_key(rng, model), fixed), random_value(rng)});
        } else if (kind <= 7) {
            ops.push_back({Op::erase, any_key(rng, model), {}});
        } else if (kind == 8) {
            ops.push_back({Op::put, any_key(rng, model), {}});  // erase through put
        } else {
            ops.push_back({Op::erase, neighbour_key(rng, any_key(rng, model), fixed), {}});
        }
        const Op& op = ops.back();
        if (op.kind == Op::put && !op.value.empty()) model[op.key] = op.value;
        if (op.kind == Op::erase || (op.kind == Op::put && op.value.empty())) model.erase(op.key);
    }
    return ops;
}

Outcome apply(Trie& trie, const Op& op) {
    switch (op.kind) {
        case Op::get:
            if (auto v = trie.get(op.key)) return to_bytes(*v);
            return std::nullopt;
        case Op::put:
            trie.put(op.key, op.value);
            return std::nullopt;
        case Op::erase:
            return trie.erase(op.key) ? Outcome(Bytes{1}) : std::nullopt;
    }
    return std::nullopt;
}

Result<Outcome, TrieError> apply(PartialTrie& trie, const Op& op) {
    switch (op.kind) {
        case Op::get:
            return trie.get(op.key);
        case Op::put: {
            auto r = trie.put(op.key, op.value);
            if (!r) return fail(r.error());
            return Outcome{};
        }
        case Op::erase: {
            auto r = trie.erase(op.key);
            if (!r) return fail(r.error());
            return *r ? Outcome(Bytes{1}) : std::nullopt;
        }
    }
    return Outcome{};
}

// A batch run on a PartialTrie until the first error.
struct Replay {
    std::vector<Outcome> outcomes;  // of the operations before the error
    std::optional<TrieError> error;
    Hash root_before_error;  // only with `check_unchanged`
};

Replay replay(PartialTrie& trie, const std::vector<Op>& ops, bool check_unchanged = false) {
    Replay out;
    for (const Op& op : ops) {
        if (check_unchanged) out.root_before_error = trie.root_hash();
        auto r = apply(trie, op);
        if (!r) {
            out.error = r.error();
            return out;
        }
        out.outcomes.push_back(std::move(*r));
    }
    return out;
}

// The prover's side of one scenario: a full trie, its store, and batches whose outcomes,
// roots and commits the full Trie computes; a PartialTrie over a RecordingSource of the
// store must agree, and records the witness.
struct Scenario {
    Store store;
    Hash root;
    std::vector<std::vector<Op>> batches;
    std::vector<std::vector<Outcome>> outcomes;
    std::vector<Hash> roots;
    std::vector<Store> commits;
    test::Content final_content;
    std::vector<Bytes> witness;
};

Scenario run_prover(std::mt19937_64& rng, std::size_t size, bool fixed, std::size_t rounds, std::size_t ops) {
    Scenario s;
    test::Content model = make_content(rng, size, fixed);
    Trie full;
    for (const auto& [k, v] : model) full.put(k, v);
    s.store = committed(full);
    s.root = full.root_hash();

    RecordingSource recorder(source_of(s.store));
    PartialTrie prover(recorder.source(), s.root);
    EXPECT_EQ(prover.root_hash(), s.root);
    for (std::size_t round = 0; round < rounds; ++round) {
        s.batches.push_back(make_batch(rng, model, fixed, ops));
        std::vector<Outcome> expected;
        for (const Op& op : s.batches.back()) expected.push_back(apply(full, op));
        s.outcomes.push_back(expected);
        s.roots.push_back(full.root_hash());
        s.commits.push_back(committed(full));

        const Replay r = replay(prover, s.batches.back());
        EXPECT_FALSE(r.error) << to_string(*r.error);
        EXPECT_EQ(r.outcomes, expected) << "round " << round;
        EXPECT_EQ(prover.root_hash(), s.roots.back()) << "round " << round;
        EXPECT_EQ(committed(prover), s.commits.back()) << "round " << round;
    }
    s.final_content = model;
    s.witness = recorder.nodes();
    EXPECT_EQ(recorder.size(), s.witness.size());
    return s;
}

struct Case {
    std::size_t size;
    bool fixed;  // 32-byte keys, as in the state and storage tries
};

const Case kCases[] = {{100, false}, {500, false}, {2000, false}, {100, true}, {700, true}, {2000, true}};

// --- the witness round trip ---

TEST(PartialTrie, WitnessReplayMatchesFullTrie) {
    std::mt19937_64 rng(701);
    for (const Case& c : kCases) {
        SCOPED_TRACE(testing::Message() << c.size << (c.fixed ? " fixed" : " variable") << " keys");
        const Scenario s = run_prover(rng, c.size, c.fixed, 3, 150);
        // Partial indeed: 450 operations on a large trie touch a fraction of its nodes.
        if (c.size >= 2000) {
            EXPECT_LT(s.witness.size(), s.store.size() * 3 / 4);
        }
        for (std::size_t i = 1; i < s.witness.size(); ++i) EXPECT_LT(keccak256(s.witness[i - 1]), keccak256(s.witness[i]));

        PartialTrie verifier(witness_source(s.witness), s.root);
        Store store = s.store;
        for (std::size_t round = 0; round < s.batches.size(); ++round) {
            const Replay r = replay(verifier, s.batches[round]);
            ASSERT_FALSE(r.error) << "round " << round << ": " << to_string(*r.error);
            EXPECT_EQ(r.outcomes, s.outcomes[round]) << "round " << round;
            EXPECT_EQ(verifier.root_hash(), s.roots[round]) << "round " << round;
            const Store emitted = committed(verifier);
            EXPECT_EQ(emitted, s.commits[round]) << "round " << round;
            store.insert(emitted.begin(), emitted.end());
        }
        // The commits complete the new root: the whole new trie loads from the old store
        // plus what the verifier emitted.
        auto loaded = load_trie(source_of(store), s.roots.back());
        ASSERT_TRUE(loaded) << to_string(loaded.error());
        test::Content content;
        loaded->for_each([&](ByteView k, ByteView v) { content[to_bytes(k)] = to_bytes(v); });
        EXPECT_EQ(content, s.final_content);
    }
}

TEST(PartialTrie, EmptyAndSmallRoots) {
    // From the empty trie: everything is created, nothing fetched.
    RecordingSource recorder([](const Hash&) { return std::optional<Bytes>{}; });
    PartialTrie trie(recorder.source(), kEmptyRoot);
    EXPECT_EQ(trie.root_hash(), kEmptyRoot);
    EXPECT_TRUE(committed(trie).empty());
    ASSERT_TRUE(trie.put(test::str_bytes("a"), test::str_bytes("b")));
    // A root under 32 bytes is emitted (by hash) like any root.
    const Store first = committed(trie);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_LT(first.begin()->second.size(), 32u);
    const Hash small_root = trie.root_hash();
    EXPECT_EQ(first.begin()->first, small_root);
    auto erased = trie.erase(test::str_bytes("a"));
    ASSERT_TRUE(erased);
    EXPECT_TRUE(*erased);
    EXPECT_EQ(trie.root_hash(), kEmptyRoot);
    EXPECT_EQ(recorder.size(), 0u);

    // Reopened from its small root, fetched by hash; an unchanged commit emits nothing.
    PartialTrie reopened(source_of(first), small_root);
    EXPECT_EQ(reopened.root_hash(), small_root);
    auto got = reopened.get(test::str_bytes("a"));
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, test::str_bytes("b"));
    EXPECT_TRUE(committed(reopened).empty());
    ASSERT_TRUE(reopened.put(test::str_bytes("a"), test::str_bytes("b")));  // same value
    EXPECT_TRUE(committed(reopened).empty());
}

// Hand-made tries: exactly the nodes an operation needs are fetched, no more.
struct Handmade {
    Store store;
    Hash root;
    Trie full;
};

Handmade handmade(const std::vector<Bytes>& keys) {
    Handmade h;
    // 40-byte values: every leaf is hashed, so every node is a separate fetch. Values
    // differ with the key length too, so that no two leaves share an encoding.
    for (const Bytes& k : keys) h.full.put(k, Bytes(40, static_cast<std::uint8_t>(k.back() ^ k.size())));
    h.store = committed(h.full);
    h.root = h.full.root_hash();
    return h;
}

TEST(PartialTrie, EraseFetchesTheSurvivingSiblingOnly) {
    // Root branch: 1 → leaf A, 2 → extension [0] → branch {0: leaf B1, 1: leaf B2}.
    const Bytes a{0x10}, b1{0x20, 0x00}, b2{0x20, 0x10};
    Handmade h = handmade({a, b1, b2});

    RecordingSource recorder(source_of(h.store));
    PartialTrie prover(recorder.source(), h.root);
    auto erased = prover.erase(a);
    ASSERT_TRUE(erased) << to_string(erased.error());
    EXPECT_TRUE(*erased);
    h.full.erase(a);
    EXPECT_EQ(prover.root_hash(), h.full.root_hash());
    // The root, A's leaf, and the extension the root collapses into; the branch below
    // the extension stays a hash reference.
    EXPECT_EQ(recorder.size(), 3u);
    EXPECT_EQ(h.store.size(), 6u);

    // Without the sibling the erase cannot know the new shape: missing_node, unchanged.
    std::vector<Bytes> witness = recorder.nodes();
    Hash sibling{};
    for (const Bytes& node : witness) {
        auto decoded = rlp::decode(node);
        ASSERT_TRUE(decoded);
        auto fields = rlp::decode_list(*decoded);
        ASSERT_TRUE(fields);
        if (fields->size() == 2 && !(*fields)[0].payload.empty() && ((*fields)[0].payload[0] >> 4) < 2)
            sibling = keccak256(node);  // a 2-item node with an extension flag
    }
    ASSERT_NE(sibling, Hash{});
    std::erase_if(witness, [&](const Bytes& n) { return keccak256(n) == sibling; });
    PartialTrie verifier(witness_source(witness), h.root);
    auto got = verifier.get(a);
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, Bytes(40, 0x11));
    auto failed = verifier.erase(a);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error(), TrieError::missing_node);
    EXPECT_EQ(verifier.root_hash(), h.root);
    got = verifier.get(a);  // still there
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->has_value());
}

TEST(PartialTrie, SplittingAnExtensionKeepsItsChildUnfetched) {
    const Bytes a{0x10}, b1{0x20, 0x00}, b2{0x20, 0x10};
    Handmade h = handmade({a, b1, b2});
    RecordingSource recorder(source_of(h.store));
    PartialTrie trie(recorder.source(), h.root);
    // 0x21 leaves the extension [0] at its only nibble: the extension becomes a branch
    // whose child 0 is the old, unfetched branch.
    const Bytes c{0x21};
    ASSERT_TRUE(trie.put(c, test::str_bytes("value")));
    h.full.put(c, test::str_bytes("value"));
    EXPECT_EQ(trie.root_hash(), h.full.root_hash());
    EXPECT_EQ(recorder.size(), 2u);  // the root and the extension
    // Absent keys below unfetched subtrees need the nodes on their path.
    auto absent = trie.get(Bytes{0x30});
    ASSERT_TRUE(absent);
    EXPECT_FALSE(absent->has_value());
    EXPECT_EQ(recorder.size(), 2u);
    EXPECT_EQ(committed(trie), committed(h.full));
}

// --- witnesses with a node missing or tampered ---

// Every recorded node was fetched by some operation, which the verifier repeats in the
// same order: without the node it fails there, with missing_node, leaving the trie as it
// was; the operations before agree with the full trie.
TEST(PartialTrie, WitnessWithoutANodeFailsWhereItIsNeeded) {
    std::mt19937_64 rng(703);
    for (const Case& c : {Case{300, false}, Case{300, true}}) {
        SCOPED_TRACE(testing::Message() << c.size << (c.fixed ? " fixed" : " variable") << " keys");
        const Scenario s = run_prover(rng, c.size, c.fixed, 1, 200);
        const std::size_t step = std::max<std::size_t>(1, s.witness.size() / 40);
        for (std::size_t drop = 0; drop < s.witness.size(); drop += step) {
            std::vector<Bytes> witness = s.witness;
            witness.erase(witness.begin() + static_cast<std::ptrdiff_t>(drop));
            PartialTrie verifier(witness_source(witness), s.root);
            const Replay r = replay(verifier, s.batches[0], true);
            ASSERT_TRUE(r.error) << "node " << drop << " was recorded but not needed";
            EXPECT_EQ(*r.error, TrieError::missing_node);
            EXPECT_EQ(verifier.root_hash(), r.root_before_error);
            const std::vector<Outcome> before(s.outcomes[0].begin(),
                                              s.outcomes[0].begin() + static_cast<std::ptrdiff_t>(r.outcomes.size()));
            EXPECT_EQ(r.outcomes, before);
        }
    }
}

TEST(PartialTrie, TamperedNodeIsHashMismatch) {
    std::mt19937_64 rng(705);
    const Scenario s = run_prover(rng, 300, true, 1, 200);
    std::map<Hash, Bytes> witness;
    for (const Bytes& n : s.witness) witness[keccak256(n)] = n;
    std::size_t i = 0;
    for (const auto& [hash, node] : witness) {
        if (i++ % 5 != 0) continue;
        Store tampered(witness.begin(), witness.end());
        Bytes& bytes = tampered[hash];
        switch (rng() % 3) {
            case 0:
                bytes[rng() % bytes.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
                break;
            case 1:
                bytes.pop_back();
                break;
            default:
                bytes.push_back(0);
                break;
        }
        PartialTrie verifier(source_of(tampered), s.root);
        const Replay r = replay(verifier, s.batches[0], true);
        ASSERT_TRUE(r.error);
        EXPECT_EQ(*r.error, TrieError::hash_mismatch);
        EXPECT_EQ(verifier.root_hash(), r.root_before_error);
    }
}

// Nodes that hash right but are not what a canonical trie holds.
TEST(PartialTrie, MalformedNodes) {
    auto leaf = [](std::initializer_list<std::uint8_t> path, ByteView value) {
        return rlp::encode_list({rlp::encode_bytes(hex_prefix_encode(Bytes(path), true)), rlp::encode_bytes(value)});
    };
    auto extension = [](std::initializer_list<std::uint8_t> path, ByteView child_ref) {
        return rlp::encode_list({rlp::encode_bytes(hex_prefix_encode(Bytes(path), false)), to_bytes(child_ref)});
    };
    auto expect_error = [](const Store& store, const Hash& root, const Bytes& key, TrieError want) {
        PartialTrie trie(source_of(store), root);
        auto got = trie.get(key);
        ASSERT_FALSE(got);
        EXPECT_EQ(got.error(), want);
        auto put = trie.put(key, test::str_bytes("v"));
        ASSERT_FALSE(put);
        EXPECT_EQ(put.error(), want);
        EXPECT_EQ(trie.root_hash(), root);
    };
    const Bytes long_value(40, 0xab);

    // An extension whose (hashed) child is a leaf, not a branch.
    {
        const Bytes child = leaf({1, 2}, long_value);
        const Bytes root = extension({0, 0}, rlp::encode_bytes(keccak256(child)));
        const Store store{{keccak256(child), child}, {keccak256(root), root}};
        expect_error(store, keccak256(root), Bytes{0x00, 0x12}, TrieError::malformed_node);
    }
    // A hashed child under 32 bytes (it would have been embedded).
    {
        const Bytes child = leaf({2}, test::str_bytes("x"));
        std::vector<Bytes> items(17, rlp::encode_bytes({}));
        items[1] = rlp::encode_bytes(keccak256(child));
        items[3] = rlp::encode_bytes(keccak256(child));
        const Bytes root = rlp::encode_list(items);
        const Store store{{keccak256(child), child}, {keccak256(root), root}};
        expect_error(store, keccak256(root), Bytes{0x12}, TrieError::malformed_node);
    }
    // A leaf ending at an odd nibble depth holds no byte-string key.
    {
        const Bytes root = leaf({1, 2, 3}, long_value);
        const Store store{{keccak256(root), root}};
        expect_error(store, keccak256(root), Bytes{0x12}, TrieError::malformed_node);
    }
    // Not RLP at all, and a root the source lacks.
    {
        const Bytes root{0xc5, 0x01};
        const Store store{{keccak256(root), root}};
        expect_error(store, keccak256(root), Bytes{0x12}, TrieError::malformed_node);
        expect_error(store, keccak256(Bytes{1, 2, 3}), Bytes{0x12}, TrieError::missing_node);
    }
}

// --- fuzz: random and mutated nodes never crash, and prover and verifier agree ---

// A roughly trie-shaped random node over paths of nibbles 0..3 (the keys below use the
// same alphabet, so they meet these paths): leaves, extensions and branches with random
// paths, values (some empty), embedded or hashed children (some absent from the store),
// and now and then a flipped byte.
Bytes random_node(std::mt19937_64& rng, Store& store, int depth) {
    auto path = [&](std::size_t max) {
        Bytes p(rng() % (max + 1));
        for (auto& n : p) n = static_cast<std::uint8_t>(rng() % 4);
        return p;
    };
    auto value = [&] { return rng() % 8 == 0 ? Bytes{} : random_value(rng); };
    auto child_ref = [&]() -> Bytes {
        if (depth >= 5 || rng() % 8 == 0) return rlp::encode_bytes(random_bytes(rng, 32));  // absent
        Bytes child = random_node(rng, store, depth + 1);
        if (child.size() < 32 && rng() % 4 != 0) return child;  // embedded
        const Hash h = keccak256(child);
        store[h] = child;
        return rlp::encode_bytes(h);
    };
    Bytes node;
    switch (rng() % 3) {
        case 0:
            node = rlp::encode_list({rlp::encode_bytes(hex_prefix_encode(path(5), true)), rlp::encode_bytes(value())});
            break;
        case 1:
            node = rlp::encode_list({rlp::encode_bytes(hex_prefix_encode(path(3), false)), child_ref()});
            break;
        default: {
            std::vector<Bytes> items;
            for (int i = 0; i < 16; ++i) items.push_back(i < 4 && rng() % 2 == 0 ? child_ref() : rlp::encode_bytes({}));
            items.push_back(rlp::encode_bytes(value()));
            node = rlp::encode_list(items);
            break;
        }
    }
    if (rng() % 16 == 0) node[rng() % node.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    return node;
}

std::vector<Op> fuzz_ops(std::mt19937_64& rng) {
    std::vector<Op> ops;
    for (int i = 0; i < 12; ++i) {
        Bytes key = random_key(rng, false);
        switch (rng() % 3) {
            case 0:
                ops.push_back({Op::get, key, {}});
                break;
            case 1:
                ops.push_back({Op::put, key, rng() % 5 == 0 ? Bytes{} : random_value(rng)});
                break;
            default:
                ops.push_back({Op::erase, key, {}});
                break;
        }
    }
    return ops;
}

// Runs `ops` through a recording prover (skipping past errors: a failed operation leaves
// the trie as it was), then through a verifier over the recorded witness: the same
// operations succeed with the same outcomes and the roots agree. A failure in the prover
// is one in the verifier too (missing_node there when the prover's was hash_mismatch).
void fuzz_round_trip(const NodeSource& source, const Hash& root, const std::vector<Op>& ops) {
    RecordingSource recorder(source);
    PartialTrie prover(recorder.source(), root);
    std::vector<Result<Outcome, TrieError>> outcomes;
    for (const Op& op : ops) outcomes.push_back(apply(prover, op));
    const Hash prover_root = prover.root_hash();
    (void)committed(prover);

    PartialTrie verifier(witness_source(recorder.nodes()), root);
    for (std::size_t i = 0; i < ops.size(); ++i) {
        auto r = apply(verifier, ops[i]);
        ASSERT_EQ(r.ok(), outcomes[i].ok()) << "operation " << i;
        if (r) {
            EXPECT_EQ(*r, *outcomes[i]) << "operation " << i;
        }
    }
    EXPECT_EQ(verifier.root_hash(), prover_root);
    (void)committed(verifier);
}

TEST(PartialTrie, FuzzRandomNodes) {
    std::mt19937_64 rng(707);
    const std::size_t cases = fuzz_cases(2000);
    for (std::size_t i = 0; i < cases; ++i) {
        Store store;
        const Bytes root_node = random_node(rng, store, 0);
        const Hash root = keccak256(root_node);
        store[root] = root_node;
        fuzz_round_trip(source_of(store), root, fuzz_ops(rng));
    }
}

TEST(PartialTrie, FuzzGarbage) {
    std::mt19937_64 rng(709);
    const std::size_t cases = fuzz_cases(1000);
    for (std::size_t i = 0; i < cases; ++i) {
        // A random root the source answers with random bytes, or random bytes stored
        // under their own hash.
        Store store;
        Hash root = Hash::right_aligned(random_bytes(rng, 32));
        const Bytes garbage = random_bytes(rng, rng() % 80);
        if (rng() % 2 == 0) root = keccak256(garbage);
        store[root] = garbage;
        fuzz_round_trip(source_of(store), root, fuzz_ops(rng));
    }
}

// Valid nodes of a real trie with bytes flipped, used as roots over the real store: the
// walk then meets real nodes at wrong depths and positions.
TEST(PartialTrie, FuzzMutatedRealNodes) {
    std::mt19937_64 rng(711);
    Trie full;
    for (const auto& [k, v] : test::random_content(rng, 300)) full.put(k, v);
    Store store = committed(full);
    std::vector<Bytes> nodes;
    for (const auto& [h, n] : store) nodes.push_back(n);
    const std::size_t cases = fuzz_cases(2000);
    for (std::size_t i = 0; i < cases; ++i) {
        Bytes node = nodes[rng() % nodes.size()];
        const int flips = static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f) node[rng() % node.size()] ^= static_cast<std::uint8_t>(1 << (rng() % 8));
        const Hash root = keccak256(node);
        const NodeSource real = source_of(store);
        const NodeSource source = [&](const Hash& h) { return h == root ? std::optional<Bytes>(node) : real(h); };
        fuzz_round_trip(source, root, fuzz_ops(rng));
    }
}

}  // namespace
}  // namespace optimist::trie
