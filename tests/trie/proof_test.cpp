// Proofs: generated proofs verify for present and absent keys; tampered proofs never
// yield a wrong value; the verifier survives arbitrary input.
#include "test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/nibbles.hpp>
#include <optimist/trie/proof.hpp>
#include <optimist/trie/secure_trie.hpp>
#include <optimist/trie/trie.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace optimist::trie {
namespace {

using test::random_bytes;
using test::random_content;
using test::str_bytes;

std::optional<Bytes> truth(const test::Content& content, const Bytes& key) {
    const auto it = content.find(key);
    if (it == content.end()) return std::nullopt;
    return it->second;
}

// Keys to probe: every present key, and absent keys next to present ones (prefixes,
// extensions, siblings) plus random ones, which end the walk at every kind of node.
std::vector<Bytes> probes(const test::Content& content, std::mt19937_64& rng) {
    std::vector<Bytes> out;
    for (const auto& [k, v] : content) {
        out.push_back(k);
        Bytes longer = k;
        longer.push_back(static_cast<std::uint8_t>(rng()));
        out.push_back(longer);
        if (!k.empty()) {
            out.emplace_back(k.begin(), k.end() - 1);
            Bytes sibling = k;
            sibling.back() ^= 0x01;
            out.push_back(sibling);
        }
    }
    for (int i = 0; i < 50; ++i) out.push_back(random_bytes(rng, rng() % 34));
    return out;
}

struct Fixture {
    test::Content content;
    Trie trie;
    Hash root;
};

Fixture make_fixture(std::mt19937_64& rng, std::size_t n, bool fixed_keys) {
    Fixture f;
    f.content = fixed_keys ? test::random_fixed_content(rng, n) : random_content(rng, n);
    for (const auto& [k, v] : f.content) f.trie.put(k, v);
    f.root = f.trie.root_hash();
    return f;
}

TEST(Proof, VerifiesPresentAndAbsentKeys) {
    std::mt19937_64 rng(101);
    for (const std::size_t n : {1u, 2u, 3u, 10u, 100u, 1000u}) {
        for (const bool fixed : {false, true}) {
            Fixture f = make_fixture(rng, n, fixed);
            for (const Bytes& key : probes(f.content, rng)) {
                const auto proof = f.trie.prove(key);
                const auto got = verify_proof(f.root, key, proof);
                ASSERT_TRUE(got) << n << " keys, key " << to_hex(key) << ": " << to_string(got.error());
                EXPECT_EQ(*got, truth(f.content, key)) << n << " keys, key " << to_hex(key);
            }
        }
    }
}

// eth_getProof layout: root first, each node hashed by its parent, embedded nodes absent.
TEST(Proof, ListsHashedNodesRootFirst) {
    std::mt19937_64 rng(113);
    Fixture f = make_fixture(rng, 300, false);
    for (const Bytes& key : probes(f.content, rng)) {
        const auto proof = f.trie.prove(key);
        ASSERT_FALSE(proof.empty());
        EXPECT_EQ(keccak256(proof[0]), f.root);
        for (std::size_t i = 1; i < proof.size(); ++i) {
            EXPECT_GE(proof[i].size(), 32u) << "embedded node listed separately";
            // The parent holds the child's hash as a 32-byte RLP string (0xa0 ‖ hash).
            Bytes ref{0xa0};
            append(ref, keccak256(proof[i]));
            EXPECT_NE(std::search(proof[i - 1].begin(), proof[i - 1].end(), ref.begin(), ref.end()),
                      proof[i - 1].end());
        }
    }
}

TEST(Proof, EmptyTrie) {
    Trie trie;
    const auto proof = trie.prove(str_bytes("anything"));
    EXPECT_TRUE(proof.empty());
    const auto got = verify_proof(kEmptyRoot, str_bytes("anything"), proof);
    ASSERT_TRUE(got);
    EXPECT_FALSE(got->has_value());
    // The empty root's own node, rlp(""), is accepted as well.
    const auto explicit_empty =
        verify_proof(kEmptyRoot, str_bytes("x"), std::vector<Bytes>{rlp::encode_bytes({})});
    ASSERT_TRUE(explicit_empty);
    EXPECT_FALSE(explicit_empty->has_value());
    EXPECT_EQ(verify_proof(keccak256(str_bytes("x")), str_bytes("x"), proof).error(),
              ProofError::empty_proof);
}

TEST(Proof, SecureTrieProofUsesHashedKey) {
    std::mt19937_64 rng(103);
    SecureTrie trie;
    test::Content content = random_content(rng, 200);
    for (const auto& [k, v] : content) trie.put(k, v);
    const Hash root = trie.root_hash();
    for (const auto& [k, v] : content) {
        const auto got = verify_proof(root, keccak256(k), trie.prove(k));
        ASSERT_TRUE(got);
        EXPECT_EQ(*got, v);
    }
}

// Runs the verifier on a tampered proof: it must fail, or else return the key's true value.
void expect_no_wrong_value(const Fixture& f, const Hash& root, const Bytes& key,
                           const std::vector<Bytes>& proof, const std::string& what) {
    const auto got = verify_proof(root, key, proof);
    if (got) {
        EXPECT_EQ(*got, truth(f.content, key)) << what << ": wrong value for " << to_hex(key);
    }
}

TEST(Proof, TamperedProofsFail) {
    std::mt19937_64 rng(107);
    for (const std::size_t n : {1u, 3u, 50u, 500u}) {
        Fixture f = make_fixture(rng, n, n > 100);
        for (const Bytes& key : probes(f.content, rng)) {
            const auto proof = f.trie.prove(key);
            ASSERT_FALSE(proof.empty());

            // A flipped byte in any node, at any position.
            for (std::size_t i = 0; i < proof.size(); ++i) {
                for (int t = 0; t < 4; ++t) {
                    auto bad = proof;
                    bad[i][rng() % bad[i].size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
                    EXPECT_FALSE(verify_proof(f.root, key, bad)) << "flipped byte in node " << i;
                }
            }
            // A removed node.
            for (std::size_t i = 0; i < proof.size(); ++i) {
                auto bad = proof;
                bad.erase(bad.begin() + static_cast<std::ptrdiff_t>(i));
                EXPECT_FALSE(verify_proof(f.root, key, bad)) << "removed node " << i;
            }
            // An extra node, appended or inserted.
            {
                auto bad = proof;
                bad.push_back(proof.back());
                EXPECT_EQ(verify_proof(f.root, key, bad).error(), ProofError::unused_node);
                bad = proof;
                bad.insert(bad.begin() + static_cast<std::ptrdiff_t>(rng() % (bad.size() + 1)),
                           random_bytes(rng, 40));
                EXPECT_FALSE(verify_proof(f.root, key, bad)) << "inserted node";
            }
            // A wrong root.
            {
                Hash wrong = f.root;
                wrong[rng() % 32] ^= 0x10;
                EXPECT_EQ(verify_proof(wrong, key, proof).error(), ProofError::root_mismatch);
            }
            // The proof of this key offered for another key: a shared path may prove the
            // other key too, but never with a value it does not have.
            for (int t = 0; t < 3; ++t) {
                auto other =
                    std::next(f.content.begin(), static_cast<std::ptrdiff_t>(rng() % f.content.size()))
                        ->first;
                expect_no_wrong_value(f, f.root, other, proof, "proof of another key");
                other.push_back(0x42);
                expect_no_wrong_value(f, f.root, other, proof, "proof of another key");
            }
        }
    }
}

// Random node-shaped RLP: hashed references chain the nodes so the verifier gets past the
// hash checks and into node decoding at every depth.
Bytes random_node(std::mt19937_64& rng, const std::optional<Hash>& child, std::size_t slot) {
    rlp::Encoder e;
    const auto mark = e.begin_list();
    auto random_ref = [&](bool allow_child) {
        if (allow_child && child) {
            e.add_bytes(*child);
            return;
        }
        switch (rng() % 4) {
            case 0:
                e.add_bytes({});
                break;
            case 1:
                e.add_bytes(random_bytes(rng, 32));
                break;
            case 2: {  // a small embedded node
                const auto m = e.begin_list();
                Bytes path(1 + rng() % 3);
                for (auto& b : path) b = static_cast<std::uint8_t>(rng() % 16);
                e.add_bytes(hex_prefix_encode(path, rng() % 2 == 0));
                e.add_bytes(random_bytes(rng, rng() % 6));
                e.end_list(m);
                break;
            }
            default:
                e.add_bytes(random_bytes(rng, rng() % 40));
                break;
        }
    };
    switch (rng() % 3) {
        case 0:  // branch-shaped
            for (std::size_t i = 0; i < 16; ++i) random_ref(i == slot);
            e.add_bytes(random_bytes(rng, rng() % 3));
            break;
        case 1: {  // extension- or leaf-shaped
            Bytes path(rng() % 4);
            for (auto& b : path) b = static_cast<std::uint8_t>(rng() % 16);
            e.add_bytes(hex_prefix_encode(path, rng() % 2 == 0));
            random_ref(true);
            break;
        }
        default:  // anything list-shaped
            for (std::size_t i = rng() % 20; i > 0; --i) random_ref(rng() % 8 == 0);
            break;
    }
    e.end_list(mark);
    return std::move(e).take();
}

TEST(Proof, FuzzVerifierNeverCrashes) {
    std::mt19937_64 rng(109);
    Fixture f = make_fixture(rng, 300, false);
    const auto keys = probes(f.content, rng);
    int accepted = 0;
    for (int i = 0; i < 10'000; ++i) {
        const Bytes key = (i % 2 == 0) ? random_bytes(rng, rng() % 8) : keys[rng() % keys.size()];
        std::vector<Bytes> proof;
        Hash root;
        switch (i % 3) {
            case 0: {  // raw random bytes, root taken from the first so it gets decoded
                for (std::size_t n = rng() % 5; n > 0; --n) proof.push_back(random_bytes(rng, rng() % 600));
                root = proof.empty() ? kEmptyRoot : keccak256(proof[0]);
                break;
            }
            case 1: {  // a hash-consistent chain of random node-shaped lists
                const std::size_t depth = 1 + rng() % 6;
                std::optional<Hash> child;
                for (std::size_t d = 0; d < depth; ++d) {
                    const std::size_t slot = key.empty() ? rng() % 16 : (key[0] >> 4);
                    proof.insert(proof.begin(), random_node(rng, child, slot));
                    child = keccak256(proof.front());
                }
                root = *child;
                break;
            }
            default: {  // a real proof with random bit flips (against the real root)
                proof = f.trie.prove(key);
                for (std::size_t n = 1 + rng() % 3; n > 0 && !proof.empty(); --n) {
                    Bytes& node = proof[rng() % proof.size()];
                    if (!node.empty())
                        node[rng() % node.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
                }
                root = f.root;
                const auto got = verify_proof(root, key, proof);
                if (got) {
                    EXPECT_EQ(*got, truth(f.content, key));
                }
                continue;
            }
        }
        const auto got = verify_proof(root, key, proof);
        if (got) ++accepted;
        if (!got) {
            EXPECT_FALSE(to_string(got.error()).empty());
        }
    }
    RecordProperty("accepted", accepted);
}

TEST(Proof, ErrorNames) {
    for (const auto e : {ProofError::empty_proof, ProofError::root_mismatch, ProofError::hash_mismatch,
                         ProofError::missing_node, ProofError::unused_node, ProofError::invalid_rlp,
                         ProofError::invalid_node})
        EXPECT_FALSE(to_string(e).empty());
}

}  // namespace
}  // namespace optimist::trie
