// Trie mutation and lookup. Each operation rewrites the slot (owning pointer) it recurses
// through, so restructuring a node is a local pointer swap, and marks every node it
// changes dirty on the way back up.
#include "node.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace optimist::trie {

using detail::as_branch;
using detail::as_extension;
using detail::as_leaf;
using detail::BranchNode;
using detail::ExtensionNode;
using detail::LeafNode;
using detail::Node;
using detail::NodeKind;
using detail::NodePtr;
using detail::PutOutcome;
using detail::touch;

namespace {

bool equal(ByteView a, ByteView b) noexcept { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

NodePtr make_leaf(NibbleView path, ByteView value) {
    auto* n = new LeafNode();
    n->path.assign(path.begin(), path.end());
    n->value.assign(value.begin(), value.end());
    return NodePtr(n);
}

NodePtr make_extension(NibbleView path, NodePtr child) {
    auto* n = new ExtensionNode();
    n->path.assign(path.begin(), path.end());
    n->child = std::move(child);
    return NodePtr(n);
}

// Places the new key (its path relative to the branch) into a freshly split branch.
void add_to_branch(BranchNode& branch, NibbleView path, ByteView value) {
    if (path.empty())
        branch.value.assign(value.begin(), value.end());
    else
        branch.children[path[0]] = make_leaf(path.subspan(1), value);
}

// The split node: the branch, under an extension for the shared prefix if there is one.
NodePtr wrap_shared_prefix(NibbleView shared, std::unique_ptr<BranchNode> branch) {
    NodePtr b(branch.release());
    return shared.empty() ? std::move(b) : make_extension(shared, std::move(b));
}

}  // namespace

namespace detail {

PutOutcome insert(NodePtr& slot, NibbleView path, ByteView value) {
    if (!slot) {
        slot = make_leaf(path, value);
        return PutOutcome::inserted;
    }
    Node& node = *slot;
    switch (node.kind) {
        case NodeKind::leaf: {
            LeafNode& leaf = as_leaf(node);
            const std::size_t cp = common_prefix_length(leaf.path, path);
            if (cp == leaf.path.size() && cp == path.size()) {
                if (equal(leaf.value, value)) return PutOutcome::unchanged;
                leaf.value.assign(value.begin(), value.end());
                touch(leaf);
                return PutOutcome::replaced;
            }
            // The paths diverge (or one ends) at cp: a branch there holds both.
            auto branch = std::make_unique<BranchNode>();
            if (cp == leaf.path.size()) {
                branch->value = std::move(leaf.value);  // the old leaf node is dropped below
            } else {
                const std::uint8_t nibble = leaf.path[cp];
                leaf.path.erase(leaf.path.begin(), leaf.path.begin() + static_cast<std::ptrdiff_t>(cp + 1));
                touch(leaf);
                branch->children[nibble] = std::move(slot);
            }
            add_to_branch(*branch, path.subspan(cp), value);
            slot = wrap_shared_prefix(path.first(cp), std::move(branch));
            return PutOutcome::inserted;
        }
        case NodeKind::extension: {
            ExtensionNode& ext = as_extension(node);
            const std::size_t cp = common_prefix_length(ext.path, path);
            if (cp == ext.path.size()) {
                const PutOutcome r = insert(ext.child, path.subspan(cp), value);
                if (r != PutOutcome::unchanged) touch(ext);
                return r;
            }
            // The key leaves the extension at cp: split it with a branch there.
            auto branch = std::make_unique<BranchNode>();
            const std::uint8_t nibble = ext.path[cp];
            if (cp + 1 == ext.path.size()) {
                // Nothing of the extension remains below the branch but its child.
                branch->children[nibble] = std::move(ext.child);
            } else {
                ext.path.erase(ext.path.begin(), ext.path.begin() + static_cast<std::ptrdiff_t>(cp + 1));
                touch(ext);
                branch->children[nibble] = std::move(slot);
            }
            add_to_branch(*branch, path.subspan(cp), value);
            slot = wrap_shared_prefix(path.first(cp), std::move(branch));
            return PutOutcome::inserted;
        }
        case NodeKind::branch: {
            BranchNode& branch = as_branch(node);
            PutOutcome r;
            if (path.empty()) {
                if (equal(branch.value, value)) return PutOutcome::unchanged;
                r = branch.value.empty() ? PutOutcome::inserted : PutOutcome::replaced;
                branch.value.assign(value.begin(), value.end());
            } else {
                r = insert(branch.children[path[0]], path.subspan(1), value);
            }
            if (r != PutOutcome::unchanged) touch(branch);
            return r;
        }
        case NodeKind::hash:
            assert(false && "insert: unresolved node on the key's path");
            return PutOutcome::unchanged;
    }
    return PutOutcome::unchanged;
}

}  // namespace detail

namespace {

void prepend(Bytes& path, NibbleView prefix) { path.insert(path.begin(), prefix.begin(), prefix.end()); }

// After a removal below an extension its child may have collapsed from a branch into a
// leaf or an extension; both absorb the extension's path, since an extension may only
// lead to a branch.
void absorb_into_child(NodePtr& slot) {
    ExtensionNode& ext = as_extension(*slot);
    if (!ext.child) {  // unreachable while the invariants hold; stay consistent anyway
        slot.reset();
        return;
    }
    Node& child = *ext.child;
    switch (child.kind) {
        case NodeKind::branch:
            touch(ext);
            return;
        case NodeKind::leaf:
            prepend(as_leaf(child).path, ext.path);
            break;
        case NodeKind::extension:
            prepend(as_extension(child).path, ext.path);
            break;
        case NodeKind::hash:  // remove() descended into the child, so it is resolved
            assert(false && "absorb_into_child: unresolved child");
            return;
    }
    touch(child);
    NodePtr moved = std::move(ext.child);
    slot = std::move(moved);
}

// A branch left with a single entry is replaced by an equivalent leaf or extension, so
// the structure (and hence the root) depends only on the content, not on history.
void collapse_branch(NodePtr& slot) {
    BranchNode& branch = as_branch(*slot);
    touch(branch);
    int count = branch.value.empty() ? 0 : 1;
    int last = -1;
    for (int i = 0; i < 16; ++i) {
        if (branch.children[static_cast<std::size_t>(i)]) {
            ++count;
            last = i;
        }
    }
    if (count >= 2) return;
    if (last < 0) {
        if (branch.value.empty()) {
            slot.reset();
        } else {
            NodePtr leaf = make_leaf({}, branch.value);
            slot = std::move(leaf);
        }
        return;
    }
    const std::uint8_t nibble = static_cast<std::uint8_t>(last);
    NodePtr child = std::move(branch.children[static_cast<std::size_t>(last)]);
    switch (child->kind) {
        case NodeKind::leaf:
            prepend(as_leaf(*child).path, NibbleView(&nibble, 1));
            touch(*child);
            break;
        case NodeKind::extension:
            prepend(as_extension(*child).path, NibbleView(&nibble, 1));
            touch(*child);
            break;
        case NodeKind::branch:
            child = make_extension(NibbleView(&nibble, 1), std::move(child));
            break;
        case NodeKind::hash:  // PartialTrie resolves the surviving child before removing
            assert(false && "collapse_branch: unresolved child");
            break;
    }
    slot = std::move(child);
}

}  // namespace

namespace detail {

bool remove(NodePtr& slot, NibbleView path) {
    if (!slot) return false;
    Node& node = *slot;
    switch (node.kind) {
        case NodeKind::leaf:
            if (!equal(as_leaf(node).path, path)) return false;
            slot.reset();
            return true;
        case NodeKind::extension: {
            ExtensionNode& ext = as_extension(node);
            const std::size_t n = ext.path.size();
            if (path.size() < n || !equal(ext.path, path.first(n))) return false;
            if (!remove(ext.child, path.subspan(n))) return false;
            absorb_into_child(slot);
            return true;
        }
        case NodeKind::branch: {
            BranchNode& branch = as_branch(node);
            if (path.empty()) {
                if (branch.value.empty()) return false;
                branch.value.clear();
            } else if (!remove(branch.children[path[0]], path.subspan(1))) {
                return false;
            }
            collapse_branch(slot);
            return true;
        }
        case NodeKind::hash:
            assert(false && "remove: unresolved node on the key's path");
            return false;
    }
    return false;
}

const Node* find(const Node* node, NibbleView path) {
    while (node != nullptr) {
        switch (node->kind) {
            case NodeKind::leaf:
                return equal(as_leaf(*node).path, path) ? node : nullptr;
            case NodeKind::extension: {
                const ExtensionNode& ext = as_extension(*node);
                const std::size_t n = ext.path.size();
                if (path.size() < n || !equal(ext.path, path.first(n))) return nullptr;
                path = path.subspan(n);
                node = ext.child.get();
                break;
            }
            case NodeKind::branch: {
                const BranchNode& branch = as_branch(*node);
                if (path.empty()) return branch.value.empty() ? nullptr : node;
                node = branch.children[path[0]].get();
                path = path.subspan(1);
                break;
            }
            case NodeKind::hash:
                assert(false && "find: unresolved node on the key's path");
                return nullptr;
        }
    }
    return nullptr;
}

}  // namespace detail

Trie::Trie() = default;
Trie::~Trie() = default;
// Moved-from tries are left empty (size 0), not merely rootless.
Trie::Trie(Trie&& other) noexcept
    : root_(std::move(other.root_)),
      size_(std::exchange(other.size_, 0)),
      committed_root_(std::exchange(other.committed_root_, std::nullopt)),
      scratch_(std::move(other.scratch_)) {}

Trie& Trie::operator=(Trie&& other) noexcept {
    root_ = std::move(other.root_);
    size_ = std::exchange(other.size_, 0);
    committed_root_ = std::exchange(other.committed_root_, std::nullopt);
    scratch_ = std::move(other.scratch_);
    return *this;
}

void Trie::put(ByteView key, ByteView value) {
    if (value.empty()) {
        erase(key);
        return;
    }
    const Bytes path = to_nibbles(key);
    if (detail::insert(root_, path, value) == PutOutcome::inserted) ++size_;
}

bool Trie::erase(ByteView key) {
    const Bytes path = to_nibbles(key);
    if (!detail::remove(root_, path)) return false;
    --size_;
    return true;
}

std::optional<ByteView> Trie::get(ByteView key) const {
    const Bytes path = to_nibbles(key);
    const Node* node = detail::find(root_.get(), path);
    if (node == nullptr) return std::nullopt;
    const Bytes& value = node->kind == NodeKind::leaf ? as_leaf(*node).value : as_branch(*node).value;
    return ByteView(value);
}

}  // namespace optimist::trie
