// Sparse binary Merkle trees: the commitments of the fraud-proof step machine to memory (one
// leaf per 32-byte word, depth 32) and to the dirty-state maps of a transaction (one leaf per
// entry, depth 256, keyed by a hash of the entry's key). docs/protocol.md, "Step commitments".
//
// A tree of depth D has 2^D leaf positions, addressed by the first D bits of a 32-byte path
// (most significant bit first: bit 0 chooses the root's child). Empty subtrees hash to zero
// and a node whose children are both zero is zero, so the empty tree's root is zero, growing
// memory does not change its root, and only non-empty subtrees cost hashes:
//     node(l, r) = (l == 0 && r == 0) ? 0 : keccak256(l || r).
// Leaf values are hashes chosen by the caller; zero means "absent".
//
// Proofs list the D siblings of a leaf's path, root side first; on the wire only the non-zero
// ones travel, after a bitmap of which are non-zero (a leaf among n others costs about
// log2(n) hashes, not D).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace optimist::proof {

using Path = Hash;

inline constexpr unsigned kMaxDepth = 256;

[[nodiscard]] inline bool path_bit(const Path& p, unsigned i) noexcept {
    return ((p[i / 8] >> (7 - i % 8)) & 1U) != 0;
}

[[nodiscard]] Hash combine(const Hash& left, const Hash& right) noexcept;

struct SmtProof {
    std::vector<Hash> siblings;  // depth entries; siblings[i] is the other child at level i + 1
};

// The root a leaf and its siblings lead to.
[[nodiscard]] Hash root_from_proof(unsigned depth, const Path& path, const Hash& leaf, const SmtProof& proof);

// Wire form: u16 depth, depth/8 rounded up bytes of bitmap, then the non-zero siblings.
void encode_proof(Bytes& out, const SmtProof& proof);
// Reads one proof at `pos` (advanced). Rejects depths other than `depth`, a bitmap with bits
// past the depth, and truncation.
[[nodiscard]] Result<SmtProof, std::string> decode_proof(ByteView in, std::size_t& pos, unsigned depth);

// The whole tree, held by the prover: leaves by path. Root and proofs are computed on demand
// (O(leaves * depth) hashes), which suits the sizes of a transaction's substate and memory.
class SparseMerkleTree {
public:
    explicit SparseMerkleTree(unsigned depth) : depth_(depth) {}

    // A zero leaf erases.
    void set(const Path& path, const Hash& leaf);
    [[nodiscard]] Hash get(const Path& path) const;
    [[nodiscard]] std::size_t size() const noexcept { return leaves_.size(); }
    [[nodiscard]] unsigned depth() const noexcept { return depth_; }
    [[nodiscard]] const std::map<Path, Hash>& leaves() const noexcept { return leaves_; }

    [[nodiscard]] Hash root() const;
    [[nodiscard]] SmtProof prove(const Path& path) const;
    // The leftmost non-empty leaf, if any.
    [[nodiscard]] std::optional<std::pair<Path, Hash>> first() const;

private:
    unsigned depth_;
    std::map<Path, Hash> leaves_;  // non-zero leaves only; paths masked to depth_ bits
};

// The verifier's side: a tree known only through proofs against a trusted root. Leaves can be
// read and changed only at proven paths; root() then recomputes from the proven nodes.
class PartialMerkleTree {
public:
    PartialMerkleTree(unsigned depth, const Hash& root) : depth_(depth), root_(root) {}

    // Checks that `leaf` at `path` with `proof` leads to the trusted root, and records the
    // path's nodes. Proofs added after set() are checked against the original root.
    [[nodiscard]] Status<std::string> add(const Path& path, const Hash& leaf, const SmtProof& proof);
    [[nodiscard]] bool proven(const Path& path) const;
    // REQUIRES: proven(path).
    [[nodiscard]] Hash get(const Path& path) const;
    // REQUIRES: proven(path).
    void set(const Path& path, const Hash& leaf);
    // The root with every set() applied.
    [[nodiscard]] Hash root();
    // True when `path` is proven to be the leftmost non-empty leaf (every sibling to its left
    // is empty) in the current tree.
    [[nodiscard]] bool is_first(const Path& path) const;

private:
    using NodeId = std::pair<unsigned, Path>;  // (level, path with bits from `level` on cleared)
    [[nodiscard]] Hash node(unsigned level, const Path& prefix) const;

    unsigned depth_;
    Hash root_;
    Hash trusted_root_ = root_;   // what add() checks proofs against
    std::map<NodeId, Hash> nodes_;  // every node on or beside a proven path
    std::vector<Path> changed_;     // leaves set() since the last root()
};

// The first `level` bits of `p`, the rest zero.
[[nodiscard]] Path prefix_of(const Path& p, unsigned level) noexcept;

}  // namespace optimist::proof
