// Sparse Merkle trees with zero-collapsing empty subtrees (see the header for the rules).
#include <optimist/core/keccak.hpp>
#include <optimist/proof/sparse_merkle.hpp>

#include <algorithm>
#include <span>

namespace optimist::proof {

Hash combine(const Hash& left, const Hash& right) noexcept {
    if (left.is_zero() && right.is_zero()) return Hash{};
    std::uint8_t buf[64];
    std::copy(left.begin(), left.end(), buf);
    std::copy(right.begin(), right.end(), buf + 32);
    return keccak256(ByteView{buf, sizeof(buf)});
}

Path prefix_of(const Path& p, unsigned level) noexcept {
    Path out;
    const unsigned full = level / 8;
    std::copy(p.begin(), p.begin() + full, out.bytes.begin());
    if (level % 8 != 0) out[full] = static_cast<std::uint8_t>(p[full] & (0xff00U >> (level % 8)));
    return out;
}

namespace {

Path with_bit(Path p, unsigned i, bool v) noexcept {
    const auto mask = static_cast<std::uint8_t>(0x80U >> (i % 8));
    p[i / 8] = v ? static_cast<std::uint8_t>(p[i / 8] | mask) : static_cast<std::uint8_t>(p[i / 8] & ~mask);
    return p;
}

using Leaves = std::span<const std::pair<const Path, Hash>>;

}  // namespace

Hash root_from_proof(unsigned depth, const Path& path, const Hash& leaf, const SmtProof& proof) {
    Hash h = leaf;
    for (unsigned i = depth; i-- > 0;) {
        h = path_bit(path, i) ? combine(proof.siblings[i], h) : combine(h, proof.siblings[i]);
    }
    return h;
}

void encode_proof(Bytes& out, const SmtProof& proof) {
    const auto depth = static_cast<unsigned>(proof.siblings.size());
    out.push_back(static_cast<std::uint8_t>(depth >> 8));
    out.push_back(static_cast<std::uint8_t>(depth));
    const std::size_t bitmap_at = out.size();
    out.resize(out.size() + (depth + 7) / 8, 0);
    for (unsigned i = 0; i < depth; ++i) {
        if (proof.siblings[i].is_zero()) continue;
        out[bitmap_at + i / 8] = static_cast<std::uint8_t>(out[bitmap_at + i / 8] | (0x80U >> (i % 8)));
    }
    for (const Hash& s : proof.siblings) {
        if (!s.is_zero()) append(out, s.view());
    }
}

Result<SmtProof, std::string> decode_proof(ByteView in, std::size_t& pos, unsigned depth) {
    if (in.size() - pos < 2) return fail(std::string("truncated Merkle proof"));
    const unsigned d = (static_cast<unsigned>(in[pos]) << 8) | in[pos + 1];
    if (d != depth) return fail("Merkle proof of depth " + std::to_string(d) + ", expected " + std::to_string(depth));
    pos += 2;
    const std::size_t bitmap_len = (depth + 7) / 8;
    if (in.size() - pos < bitmap_len) return fail(std::string("truncated Merkle proof bitmap"));
    const ByteView bitmap = in.subspan(pos, bitmap_len);
    pos += bitmap_len;
    if (depth % 8 != 0 && (bitmap[bitmap_len - 1] & (0xffU >> (depth % 8))) != 0)
        return fail(std::string("Merkle proof bitmap has bits past its depth"));
    SmtProof proof;
    proof.siblings.resize(depth);
    for (unsigned i = 0; i < depth; ++i) {
        if (((bitmap[i / 8] >> (7 - i % 8)) & 1U) == 0) continue;
        if (in.size() - pos < 32) return fail(std::string("truncated Merkle proof sibling"));
        std::copy(in.begin() + static_cast<std::ptrdiff_t>(pos), in.begin() + static_cast<std::ptrdiff_t>(pos + 32),
                  proof.siblings[i].bytes.begin());
        if (proof.siblings[i].is_zero()) return fail(std::string("Merkle proof lists a zero sibling"));
        pos += 32;
    }
    return proof;
}

// ---- SparseMerkleTree ----------------------------------------------------------------------

namespace {

// The hash of the subtree at `level` holding `leaves` (all sharing the first `level` bits).
Hash subtree(unsigned depth, unsigned level, Leaves leaves) {
    if (leaves.empty()) return Hash{};
    if (level == depth) return leaves.front().second;
    const auto mid = std::partition_point(leaves.begin(), leaves.end(),
                                          [level](const auto& e) { return !path_bit(e.first, level); });
    const auto split = static_cast<std::size_t>(mid - leaves.begin());
    return combine(subtree(depth, level + 1, leaves.first(split)), subtree(depth, level + 1, leaves.subspan(split)));
}

Leaves all_leaves(const std::map<Path, Hash>& m, std::vector<std::pair<const Path, Hash>>& storage) {
    storage.clear();
    storage.reserve(m.size());
    for (const auto& e : m) storage.emplace_back(e);
    return {storage.data(), storage.size()};
}

}  // namespace

void SparseMerkleTree::set(const Path& path, const Hash& leaf) {
    const Path p = prefix_of(path, depth_);
    if (leaf.is_zero()) {
        leaves_.erase(p);
    } else {
        leaves_[p] = leaf;
    }
}

Hash SparseMerkleTree::get(const Path& path) const {
    auto it = leaves_.find(prefix_of(path, depth_));
    return it == leaves_.end() ? Hash{} : it->second;
}

Hash SparseMerkleTree::root() const {
    std::vector<std::pair<const Path, Hash>> storage;
    return subtree(depth_, 0, all_leaves(leaves_, storage));
}

SmtProof SparseMerkleTree::prove(const Path& path) const {
    const Path p = prefix_of(path, depth_);
    std::vector<std::pair<const Path, Hash>> storage;
    Leaves range = all_leaves(leaves_, storage);
    SmtProof proof;
    proof.siblings.resize(depth_);
    for (unsigned level = 0; level < depth_; ++level) {
        const auto mid = std::partition_point(range.begin(), range.end(),
                                              [level](const auto& e) { return !path_bit(e.first, level); });
        const auto split = static_cast<std::size_t>(mid - range.begin());
        const Leaves left = range.first(split);
        const Leaves right = range.subspan(split);
        if (path_bit(p, level)) {
            proof.siblings[level] = subtree(depth_, level + 1, left);
            range = right;
        } else {
            proof.siblings[level] = subtree(depth_, level + 1, right);
            range = left;
        }
    }
    return proof;
}

std::optional<std::pair<Path, Hash>> SparseMerkleTree::first() const {
    if (leaves_.empty()) return std::nullopt;
    return *leaves_.begin();
}

// ---- PartialMerkleTree ---------------------------------------------------------------------

Status<std::string> PartialMerkleTree::add(const Path& path, const Hash& leaf, const SmtProof& proof) {
    if (proof.siblings.size() != depth_) return fail(std::string("Merkle proof of the wrong depth"));
    const Path p = prefix_of(path, depth_);
    if (root_from_proof(depth_, p, leaf, proof) != trusted_root_)
        return fail(std::string("Merkle proof does not lead to the committed root"));
    // Record the path and its siblings; nodes already known (from another proof, possibly
    // changed since by set()) keep their current value.
    std::vector<Hash> on_path(depth_ + 1);
    on_path[depth_] = leaf;
    for (unsigned i = depth_; i-- > 0;) {
        on_path[i] = path_bit(p, i) ? combine(proof.siblings[i], on_path[i + 1]) : combine(on_path[i + 1], proof.siblings[i]);
    }
    for (unsigned level = 0; level <= depth_; ++level) {
        nodes_.try_emplace(NodeId{level, prefix_of(p, level)}, on_path[level]);
        if (level > 0) {
            const Path sibling = prefix_of(with_bit(p, level - 1, !path_bit(p, level - 1)), level);
            nodes_.try_emplace(NodeId{level, sibling}, proof.siblings[level - 1]);
        }
    }
    return {};
}

bool PartialMerkleTree::proven(const Path& path) const {
    return nodes_.contains(NodeId{depth_, prefix_of(path, depth_)});
}

Hash PartialMerkleTree::get(const Path& path) const { return nodes_.at(NodeId{depth_, prefix_of(path, depth_)}); }

void PartialMerkleTree::set(const Path& path, const Hash& leaf) {
    const Path p = prefix_of(path, depth_);
    nodes_.at(NodeId{depth_, p}) = leaf;
    changed_.push_back(p);
}

Hash PartialMerkleTree::node(unsigned level, const Path& prefix) const {
    auto it = nodes_.find(NodeId{level, prefix});
    return it == nodes_.end() ? Hash{} : it->second;
}

Hash PartialMerkleTree::root() {
    if (changed_.empty()) return root_;
    // Recompute level by level, bottom up, so paths sharing ancestors combine correctly.
    std::vector<Path> level_paths = changed_;
    changed_.clear();
    for (unsigned level = depth_; level > 0; --level) {
        std::vector<Path> parents;
        for (const Path& p : level_paths) {
            const Path parent = prefix_of(p, level - 1);
            const Hash left = node(level, prefix_of(with_bit(p, level - 1, false), level));
            const Hash right = node(level, prefix_of(with_bit(p, level - 1, true), level));
            nodes_[NodeId{level - 1, parent}] = combine(left, right);
            parents.push_back(parent);
        }
        std::sort(parents.begin(), parents.end());
        parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
        level_paths = std::move(parents);
    }
    root_ = node(0, Path{});
    return root_;
}

bool PartialMerkleTree::is_first(const Path& path) const {
    const Path p = prefix_of(path, depth_);
    if (node(depth_, p).is_zero()) return false;
    for (unsigned level = 0; level < depth_; ++level) {
        if (!path_bit(p, level)) continue;
        const Path left_sibling = prefix_of(with_bit(p, level, false), level + 1);
        if (!node(level + 1, left_sibling).is_zero()) return false;
    }
    return true;
}

}  // namespace optimist::proof
