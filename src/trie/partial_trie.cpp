// PartialTrie: a Trie whose unfetched subtrees are HashNodes.
//
// Why a node kind of Trie's own rather than a separate node type: the partial trie then
// runs Trie's insert/remove/refresh/commit unchanged, so its root cannot drift from a full
// Trie's; the price is one unreachable `hash` case in each of Trie's switches.
//
// Every update runs in two phases. The first fetches (resolves) every HashNode the update
// will descend into or inspect; it can fail, but replacing a HashNode by the node it
// stands for changes no content and no hash. The second runs Trie's mutation, which cannot
// fail. Hence the guarantee that a failed update leaves the trie as it was.
#include "node_decode.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/trie/partial_trie.hpp>

#include <algorithm>
#include <cassert>
#include <memory>
#include <unordered_map>

namespace optimist::trie {

using detail::as_branch;
using detail::as_extension;
using detail::as_leaf;
using detail::BranchNode;
using detail::HashNode;
using detail::Node;
using detail::NodeKind;
using detail::NodePtr;
using detail::NodeRef;
using detail::TrieAccess;

namespace {

bool equal(ByteView a, ByteView b) noexcept { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

Trie make_root(const Hash& root) {
    if (root == kEmptyRoot) return Trie{};
    // The root node is stored already: a commit without changes emits nothing.
    return TrieAccess::make(NodePtr(new HashNode(root)), 0, root);
}

// Where the walk along a key's path ended.
struct PathEnd {
    const Node* holder = nullptr;  // the leaf or branch holding the key's value; nullptr: absent
    BranchNode* branch = nullptr;  // the deepest branch on the path
    std::size_t branch_depth = 0;  // its distance from the root, in nibbles
};

// Replaces the HashNode in `slot`, if it is one, by the node it refers to, which is
// `nibble_depth` nibbles below the root (and must be a branch below an extension).
Status<TrieError> resolve(const NodeSource& source, NodePtr& slot, bool is_root, std::size_t nibble_depth,
                          bool must_be_branch) {
    if (!slot || slot->kind != NodeKind::hash) return {};
    auto encoded = detail::fetch_node(source, slot->ref.hash());
    if (!encoded) return fail(encoded.error());
    NodeRef ref = slot->ref;
    if (encoded->size() < 32) {
        // A root is stored by hash whatever its size; any other node that small would
        // have been embedded in its parent.
        if (!is_root) return fail(TrieError::malformed_node);
        ref = NodeRef::of_encoding(*encoded);
    }
    auto node = detail::build_node(*encoded, ref, nibble_depth, must_be_branch);
    if (!node) return fail(node.error());
    slot = std::move(*node);
    return {};
}

// Phase one of every operation: resolves the nodes along `path`, exactly those that
// insert, remove and find will step through.
Result<PathEnd, TrieError> resolve_path(const NodeSource& source, NodePtr& root, NibbleView path) {
    PathEnd end;
    NodePtr* slot = &root;
    std::size_t depth = 0;  // nibbles of `path` consumed
    bool after_extension = false;
    // A path of n nibbles crosses at most n + 1 nodes; the bound matters only for the
    // longest keys, and keeps the walk's cost in line with lookup()'s.
    for (std::size_t nodes = 0; *slot; ++nodes) {
        if (nodes >= kMaxNodeDepth) return fail(TrieError::malformed_node);
        if (auto r = resolve(source, *slot, slot == &root, depth, after_extension); !r) return fail(r.error());
        Node& node = **slot;
        const NibbleView rest = path.subspan(depth);
        switch (node.kind) {
            case NodeKind::leaf:
                if (equal(as_leaf(node).path, rest)) end.holder = &node;
                return end;
            case NodeKind::extension: {
                auto& ext = as_extension(node);
                const std::size_t n = ext.path.size();
                if (rest.size() < n || !equal(ext.path, rest.first(n))) return end;
                depth += n;
                slot = &ext.child;
                after_extension = true;
                break;
            }
            case NodeKind::branch: {
                auto& branch = as_branch(node);
                end.branch = &branch;
                end.branch_depth = depth;
                if (rest.empty()) {
                    if (!branch.value.empty()) end.holder = &node;
                    return end;
                }
                slot = &branch.children[rest[0]];
                depth += 1;
                after_extension = false;
                break;
            }
            case NodeKind::hash:  // resolve() just replaced it
                return fail(TrieError::malformed_node);
        }
    }
    return end;
}

}  // namespace

PartialTrie::PartialTrie(NodeSource source, const Hash& root) : source_(std::move(source)), trie_(make_root(root)) {}

Result<std::optional<Bytes>, TrieError> PartialTrie::get(ByteView key) {
    const Bytes path = to_nibbles(key);
    auto end = resolve_path(source_, TrieAccess::root(trie_), path);
    if (!end) return fail(end.error());
    const Node* holder = end->holder;
    if (holder == nullptr) return std::optional<Bytes>{};
    const Bytes& value = holder->kind == NodeKind::leaf ? as_leaf(*holder).value : as_branch(*holder).value;
    return std::optional<Bytes>(value);
}

Status<TrieError> PartialTrie::put(ByteView key, ByteView value) {
    if (value.empty()) {
        auto erased = erase(key);
        if (!erased) return fail(erased.error());
        return {};
    }
    const Bytes path = to_nibbles(key);
    NodePtr& root = TrieAccess::root(trie_);
    // Insertion splits only nodes on the path; children it moves (an extension's) keep
    // their reference, resolved or not.
    auto end = resolve_path(source_, root, path);
    if (!end) return fail(end.error());
    detail::insert(root, path, value);
    return {};
}

Result<bool, TrieError> PartialTrie::erase(ByteView key) {
    const Bytes path = to_nibbles(key);
    NodePtr& root = TrieAccess::root(trie_);
    auto end = resolve_path(source_, root, path);
    if (!end) return fail(end.error());
    if (end->holder == nullptr) return false;
    // The removal can collapse only the deepest branch on the path (the holder is that
    // branch or its child; the branches above keep their entry count). If it is left
    // with a single child, collapse_branch merges that child into a leaf or extension or
    // puts an extension above it, depending on its kind: fetch it now. (Geth's trie
    // resolves the same child when it deletes.)
    if (BranchNode* branch = end->branch; branch != nullptr) {
        const bool removes_value = end->holder == branch;
        const std::size_t removed_child = removes_value ? 16 : path[end->branch_depth];
        int entries = (!removes_value && !branch->value.empty()) ? 1 : 0;
        NodePtr* survivor = nullptr;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == removed_child || !branch->children[i]) continue;
            ++entries;
            survivor = &branch->children[i];
        }
        if (entries == 1 && survivor != nullptr) {
            auto r = resolve(source_, *survivor, false, end->branch_depth + 1, false);
            if (!r) return fail(r.error());
        }
    }
    [[maybe_unused]] const bool removed = detail::remove(root, path);
    assert(removed);
    return true;
}

Hash PartialTrie::root_hash() { return trie_.root_hash(); }

void PartialTrie::commit(const NodeSink& sink) { trie_.commit(sink); }

NodeSource RecordingSource::source() {
    return [this](const Hash& hash) -> std::optional<Bytes> {
        std::optional<Bytes> node = inner_(hash);
        if (node && !recorded_.contains(hash) && keccak256(*node) == hash) recorded_.emplace(hash, *node);
        return node;
    };
}

std::vector<Bytes> RecordingSource::nodes() const {
    std::vector<Bytes> out;
    out.reserve(recorded_.size());
    for (const auto& [hash, node] : recorded_) out.push_back(node);
    return out;
}

NodeSource witness_source(std::span<const Bytes> nodes) {
    using Map = std::unordered_map<Hash, Bytes, FixedBytesHasher>;
    auto map = std::make_shared<Map>();
    map->reserve(nodes.size());
    for (const Bytes& node : nodes) map->emplace(keccak256(node), node);
    return [map = std::shared_ptr<const Map>(std::move(map))](const Hash& hash) -> std::optional<Bytes> {
        const auto it = map->find(hash);
        if (it == map->end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace optimist::trie
