// Sparse Merkle trees: the full tree, proofs, the verifier's partial tree and the wire form.
#include <optimist/core/keccak.hpp>
#include <optimist/proof/sparse_merkle.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist::proof {
namespace {

Path random_path(std::mt19937_64& rng) {
    Path p;
    for (auto& b : p.bytes) b = static_cast<std::uint8_t>(rng());
    return p;
}

Hash leaf(std::uint64_t v) {
    Hash h;
    for (int i = 0; i < 8; ++i) h[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return keccak256(h.view());
}

TEST(SparseMerkle, EmptyTreeIsZeroAndProofsLeadToTheRoot) {
    for (unsigned depth : {32U, 256U}) {
        SparseMerkleTree t(depth);
        EXPECT_TRUE(t.root().is_zero());
        std::mt19937_64 rng(depth);
        std::vector<Path> paths;
        for (int i = 0; i < 50; ++i) {
            paths.push_back(random_path(rng));
            t.set(paths.back(), leaf(static_cast<std::uint64_t>(i) + 1));
        }
        const Hash root = t.root();
        for (int i = 0; i < 50; ++i) {
            const SmtProof p = t.prove(paths[static_cast<std::size_t>(i)]);
            EXPECT_EQ(root_from_proof(depth, paths[static_cast<std::size_t>(i)], t.get(paths[static_cast<std::size_t>(i)]), p), root);
            // A wrong leaf does not.
            EXPECT_NE(root_from_proof(depth, paths[static_cast<std::size_t>(i)], leaf(999), p), root);
        }
        // Absence proofs: a path not in the tree proves a zero leaf.
        const Path absent = random_path(rng);
        EXPECT_EQ(root_from_proof(depth, absent, Hash{}, t.prove(absent)), root);
    }
}

// The partial tree, updated at proven paths, reaches the full tree's root after the same updates.
TEST(SparseMerkle, PartialTreeUpdatesMatchTheFullTree) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 20; ++round) {
        SparseMerkleTree full(256);
        std::vector<Path> paths;
        for (int i = 0; i < 40; ++i) {
            paths.push_back(random_path(rng));
            full.set(paths.back(), leaf(rng()));
        }
        PartialMerkleTree partial(256, full.root());
        std::vector<Path> touched;
        for (int i = 0; i < 6; ++i) touched.push_back(paths[rng() % paths.size()]);
        touched.push_back(random_path(rng));  // an absent one, inserted
        for (const Path& p : touched) {
            if (partial.proven(p)) continue;
            ASSERT_TRUE(partial.add(p, full.get(p), full.prove(p)));
        }
        for (const Path& p : touched) {
            const Hash v = rng() % 3 == 0 ? Hash{} : leaf(rng());
            full.set(p, v);
            partial.set(p, v);
        }
        EXPECT_EQ(partial.root(), full.root());
        if (auto first = full.first()) {
            if (partial.proven(first->first)) {
                EXPECT_TRUE(partial.is_first(first->first));
            }
        }
    }
}

TEST(SparseMerkle, WireFormRoundTripsAndRejectsGarbage) {
    std::mt19937_64 rng(3);
    SparseMerkleTree t(256);
    for (int i = 0; i < 30; ++i) t.set(random_path(rng), leaf(static_cast<std::uint64_t>(i) + 1));
    const Path p = random_path(rng);
    const SmtProof proof = t.prove(p);
    Bytes wire;
    encode_proof(wire, proof);
    std::size_t pos = 0;
    auto back = decode_proof(wire, pos, 256);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->siblings, proof.siblings);
    EXPECT_EQ(pos, wire.size());
    // Wrong depth, truncation and random bytes are errors, never crashes.
    pos = 0;
    EXPECT_FALSE(decode_proof(wire, pos, 32));
    for (std::size_t cut = 0; cut < wire.size(); cut += 7) {
        pos = 0;
        EXPECT_FALSE(decode_proof(ByteView(wire).first(cut), pos, 256));
    }
    for (int i = 0; i < 2000; ++i) {
        Bytes junk(rng() % 200);
        for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
        pos = 0;
        (void)decode_proof(junk, pos, 256);
    }
}

}  // namespace
}  // namespace optimist::proof
