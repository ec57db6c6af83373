// One-shot root: sort, then hash bottom-up over sorted ranges. In a sorted range the
// keys sharing the first nibble below a branch are contiguous, and the prefix common to
// the whole range is the one shared by its first and last key, so every node is found
// by scanning the range once.
#include "encoding.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/trie.hpp>
#include <optimist/trie/trie_root.hpp>

#include <algorithm>
#include <vector>

namespace optimist::trie {

using detail::NodeRef;

namespace {

struct Leaf {
    NibbleView path;  // the whole key, in nibbles
    ByteView value;
};

class Builder {
public:
    NodeRef node(std::span<const Leaf> leaves, std::size_t depth) {
        if (leaves.size() == 1) {
            scratch_.clear();
            detail::encode_leaf(scratch_, leaves[0].path.subspan(depth), leaves[0].value);
            return NodeRef::of_encoding(scratch_);
        }
        const NibbleView first = leaves.front().path.subspan(depth);
        const NibbleView last = leaves.back().path.subspan(depth);
        const std::size_t shared = common_prefix_length(first, last);
        if (shared == 0) return branch(leaves, depth);
        const NodeRef child = branch(leaves, depth + shared);
        scratch_.clear();
        detail::encode_extension(scratch_, first.first(shared), child);
        return NodeRef::of_encoding(scratch_);
    }

private:
    // REQUIRES: at least two leaves, all sharing the first `depth` nibbles.
    NodeRef branch(std::span<const Leaf> leaves, std::size_t depth) {
        std::array<NodeRef, 16> refs;
        ByteView value;
        std::size_t i = 0;
        if (leaves[0].path.size() == depth) {  // a key ending here sorts first
            value = leaves[0].value;
            i = 1;
        }
        while (i < leaves.size()) {
            const std::uint8_t nibble = leaves[i].path[depth];
            std::size_t j = i + 1;
            while (j < leaves.size() && leaves[j].path[depth] == nibble) ++j;
            refs[nibble] = node(leaves.subspan(i, j - i), depth + 1);
            i = j;
        }
        std::array<const NodeRef*, 16> ptrs{};
        for (std::size_t k = 0; k < 16; ++k) ptrs[k] = &refs[k];
        scratch_.clear();
        detail::encode_branch(scratch_, ptrs, value);
        return NodeRef::of_encoding(scratch_);
    }

    Bytes scratch_;
};

bool key_less(ByteView a, ByteView b) noexcept {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

// The first 8 bytes of a key, big-endian, zero-padded: ordering by it never contradicts
// byte order, so the sort compares whole keys only when these are equal (rarely, for
// random keys), which halves the cost of sorting.
std::uint64_t sort_prefix(ByteView key) noexcept {
    std::uint64_t p = 0;
    for (std::size_t i = 0; i < 8; ++i) p = (p << 8) | (i < key.size() ? key[i] : 0);
    return p;
}

Hash root_of(std::span<const std::pair<ByteView, ByteView>> items) {
    struct Sortable {
        std::uint64_t prefix;
        std::size_t index;  // position in `items`: of equal keys the later one wins
    };
    std::vector<Sortable> order(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) order[i] = {sort_prefix(items[i].first), i};
    std::sort(order.begin(), order.end(), [&](const Sortable& a, const Sortable& b) {
        if (a.prefix != b.prefix) return a.prefix < b.prefix;
        const ByteView ka = items[a.index].first;
        const ByteView kb = items[b.index].first;
        if (key_less(ka, kb)) return true;
        if (key_less(kb, ka)) return false;
        return a.index < b.index;
    });
    std::vector<std::pair<ByteView, ByteView>> live;
    live.reserve(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& item = items[order[i].index];
        const bool superseded =
            i + 1 < order.size() && !key_less(item.first, items[order[i + 1].index].first);
        if (!superseded && !item.second.empty()) live.push_back(item);
    }
    if (live.empty()) return kEmptyRoot;

    // All paths in one buffer: one allocation instead of one per key.
    std::size_t total = 0;
    for (const auto& [key, value] : live) total += 2 * key.size();
    Bytes nibbles;
    nibbles.reserve(total);
    for (const auto& [key, value] : live) append_nibbles(nibbles, key);
    std::vector<Leaf> leaves;
    leaves.reserve(live.size());
    std::size_t offset = 0;
    for (const auto& [key, value] : live) {
        leaves.push_back({NibbleView(nibbles).subspan(offset, 2 * key.size()), value});
        offset += 2 * key.size();
    }
    return detail::root_hash_of(Builder().node(leaves, 0));
}

}  // namespace

Hash trie_root(std::span<const std::pair<ByteView, ByteView>> items) { return root_of(items); }

Hash trie_root(std::span<const std::pair<Bytes, Bytes>> items) {
    std::vector<std::pair<ByteView, ByteView>> views;
    views.reserve(items.size());
    for (const auto& [key, value] : items) views.emplace_back(key, value);
    return root_of(views);
}

Hash secure_trie_root(std::span<const std::pair<Bytes, Bytes>> items) {
    std::vector<Hash> hashed;
    hashed.reserve(items.size());
    for (const auto& item : items) hashed.push_back(keccak256(item.first));
    std::vector<std::pair<ByteView, ByteView>> views;
    views.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) views.emplace_back(hashed[i].view(), items[i].second);
    return root_of(views);
}

Hash ordered_trie_root(std::span<const Bytes> values) {
    std::vector<Bytes> keys;
    keys.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        rlp::Encoder e;
        e.add_uint(static_cast<std::uint64_t>(i));
        keys.push_back(std::move(e).take());
    }
    std::vector<std::pair<ByteView, ByteView>> views;
    views.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) views.emplace_back(keys[i], values[i]);
    return root_of(views);
}

}  // namespace optimist::trie
