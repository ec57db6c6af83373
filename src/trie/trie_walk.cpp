// Ordered walks: in-order visiting and strict successor / predecessor search.
//
// Nibble order equals byte order of the keys, and a branch's own value (a key that is a
// proper prefix of the keys below it) sorts before all of its children.
#include "node.hpp"

#include <cassert>

namespace optimist::trie {

using detail::as_branch;
using detail::as_extension;
using detail::as_leaf;
using detail::Node;
using detail::NodeKind;

namespace {

// Walks only a Trie's nodes, which are never NodeKind::hash (only a PartialTrie holds
// those, and it does not walk): the `hash` cases below are unreachable.
//
// `prefix` holds the nibbles from the root down to the node being visited; each step
// appends its part and truncates it again on the way back.
class Walker {
public:
    // The smallest / largest key in the subtree of `node`.
    Bytes min_key(const Node& node) {
        const Node* n = &node;
        for (;;) {
            switch (n->kind) {
                case NodeKind::leaf:
                    append(prefix_, as_leaf(*n).path);
                    return from_nibbles(prefix_);
                case NodeKind::extension:
                    append(prefix_, as_extension(*n).path);
                    n = as_extension(*n).child.get();
                    break;
                case NodeKind::branch: {
                    const auto& branch = as_branch(*n);
                    if (!branch.value.empty()) return from_nibbles(prefix_);
                    for (std::uint8_t i = 0; i < 16; ++i) {
                        if (branch.children[i]) {
                            prefix_.push_back(i);
                            n = branch.children[i].get();
                            break;
                        }
                    }
                    break;
                }
                case NodeKind::hash:
                    assert(false && "Trie holds no unresolved nodes");
                    return {};
            }
        }
    }

    Bytes max_key(const Node& node) {
        const Node* n = &node;
        for (;;) {
            switch (n->kind) {
                case NodeKind::leaf:
                    append(prefix_, as_leaf(*n).path);
                    return from_nibbles(prefix_);
                case NodeKind::extension:
                    append(prefix_, as_extension(*n).path);
                    n = as_extension(*n).child.get();
                    break;
                case NodeKind::branch: {
                    const auto& branch = as_branch(*n);
                    const Node* next = nullptr;
                    for (std::uint8_t i = 16; i-- > 0;) {
                        if (branch.children[i]) {
                            prefix_.push_back(i);
                            next = branch.children[i].get();
                            break;
                        }
                    }
                    if (next == nullptr) return from_nibbles(prefix_);  // only the value
                    n = next;
                    break;
                }
                case NodeKind::hash:
                    assert(false && "Trie holds no unresolved nodes");
                    return {};
            }
        }
    }

    // The smallest key in the subtree of `node` that is greater than prefix ‖ target.
    std::optional<Bytes> next(const Node& node, NibbleView target) {
        switch (node.kind) {
            case NodeKind::leaf:
                if (compare_nibbles(as_leaf(node).path, target) <= 0) return std::nullopt;
                return min_key(node);
            case NodeKind::extension: {
                const auto& ext = as_extension(node);
                const std::size_t n = ext.path.size();
                const int c = compare_nibbles(ext.path, target.first(std::min(n, target.size())));
                // A target that ends inside the path is a proper prefix of every key below,
                // so it sorts before them all: compare_nibbles then reports c > 0.
                if (c < 0) return std::nullopt;   // the whole subtree sorts before the target
                if (c > 0) return min_key(node);  // ... after it
                const std::size_t mark = prefix_.size();
                append(prefix_, ext.path);
                auto found = next(*ext.child, target.subspan(n));
                prefix_.resize(mark);
                return found;
            }
            case NodeKind::branch: {
                const auto& branch = as_branch(node);
                // The branch's own value equals or precedes the target, never follows it.
                std::size_t first = 0;
                if (!target.empty()) {
                    const std::uint8_t t = target[0];
                    if (branch.children[t]) {
                        prefix_.push_back(t);
                        auto found = next(*branch.children[t], target.subspan(1));
                        prefix_.pop_back();
                        if (found) return found;
                    }
                    first = t + 1u;
                }
                for (std::size_t i = first; i < 16; ++i) {
                    if (branch.children[i]) {
                        prefix_.push_back(static_cast<std::uint8_t>(i));
                        return min_key(*branch.children[i]);
                    }
                }
                return std::nullopt;
            }
            case NodeKind::hash:
                assert(false && "Trie holds no unresolved nodes");
                return std::nullopt;
        }
        return std::nullopt;
    }

    // The largest key in the subtree of `node` that is smaller than prefix ‖ target.
    std::optional<Bytes> prev(const Node& node, NibbleView target) {
        switch (node.kind) {
            case NodeKind::leaf:
                if (compare_nibbles(as_leaf(node).path, target) >= 0) return std::nullopt;
                return max_key(node);
            case NodeKind::extension: {
                const auto& ext = as_extension(node);
                const std::size_t n = ext.path.size();
                const int c = compare_nibbles(ext.path, target.first(std::min(n, target.size())));
                // As in next(): a target ending inside the path gives c > 0.
                if (c > 0) return std::nullopt;
                if (c < 0) return max_key(node);
                const std::size_t mark = prefix_.size();
                append(prefix_, ext.path);
                auto found = prev(*ext.child, target.subspan(n));
                prefix_.resize(mark);
                return found;
            }
            case NodeKind::branch: {
                const auto& branch = as_branch(node);
                // With an empty target every key here equals or follows it.
                if (target.empty()) return std::nullopt;
                const std::uint8_t t = target[0];
                if (branch.children[t]) {
                    prefix_.push_back(t);
                    auto found = prev(*branch.children[t], target.subspan(1));
                    prefix_.pop_back();
                    if (found) return found;
                }
                for (std::size_t i = t; i-- > 0;) {
                    if (branch.children[i]) {
                        prefix_.push_back(static_cast<std::uint8_t>(i));
                        return max_key(*branch.children[i]);
                    }
                }
                if (!branch.value.empty()) return from_nibbles(prefix_);
                return std::nullopt;
            }
            case NodeKind::hash:
                assert(false && "Trie holds no unresolved nodes");
                return std::nullopt;
        }
        return std::nullopt;
    }

    void visit_all(const Node& node, const EntryVisitor& visit) {
        const std::size_t mark = prefix_.size();
        switch (node.kind) {
            case NodeKind::leaf: {
                const auto& leaf = as_leaf(node);
                append(prefix_, leaf.path);
                visit(from_nibbles(prefix_), leaf.value);
                break;
            }
            case NodeKind::extension: {
                const auto& ext = as_extension(node);
                append(prefix_, ext.path);
                visit_all(*ext.child, visit);
                break;
            }
            case NodeKind::branch: {
                const auto& branch = as_branch(node);
                if (!branch.value.empty()) visit(from_nibbles(prefix_), branch.value);
                for (std::uint8_t i = 0; i < 16; ++i) {
                    if (!branch.children[i]) continue;
                    prefix_.push_back(i);
                    visit_all(*branch.children[i], visit);
                    prefix_.pop_back();
                }
                break;
            }
            case NodeKind::hash:
                assert(false && "Trie holds no unresolved nodes");
                break;
        }
        prefix_.resize(mark);
    }

private:
    Bytes prefix_;
};

}  // namespace

std::optional<Bytes> Trie::next_key(ByteView key) const {
    if (!root_) return std::nullopt;
    const Bytes target = to_nibbles(key);
    return Walker().next(*root_, target);
}

std::optional<Bytes> Trie::prev_key(ByteView key) const {
    if (!root_) return std::nullopt;
    const Bytes target = to_nibbles(key);
    return Walker().prev(*root_, target);
}

void Trie::for_each(const EntryVisitor& visit) const {
    if (root_) Walker().visit_all(*root_, visit);
}

}  // namespace optimist::trie
