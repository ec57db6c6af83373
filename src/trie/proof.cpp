// The proof verifier. It trusts nothing but the root: each node is decoded strictly and
// accepted only under the exact reference its parent holds.
#include "encoding.hpp"
#include "node_decode.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/proof.hpp>
#include <optimist/trie/trie.hpp>

#include <algorithm>

namespace optimist::trie {

std::string_view to_string(ProofError e) noexcept {
    switch (e) {
        case ProofError::empty_proof:
            return "empty proof for a non-empty root";
        case ProofError::root_mismatch:
            return "first proof node does not hash to the root";
        case ProofError::hash_mismatch:
            return "proof node does not hash to its parent's reference";
        case ProofError::missing_node:
            return "proof ends before the key's path does";
        case ProofError::unused_node:
            return "proof has nodes beyond the key's path";
        case ProofError::invalid_rlp:
            return "proof node is not canonical RLP";
        case ProofError::invalid_node:
            return "proof node is not a valid trie node";
    }
    return "unknown proof error";
}

namespace {

using Outcome = Result<std::optional<Bytes>, ProofError>;

bool starts_with(NibbleView path, NibbleView prefix) {
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

class Verifier {
public:
    Verifier(ByteView key, std::span<const Bytes> proof) : key_(to_nibbles(key)), proof_(proof) {}

    Outcome run(const Hash& root) {
        if (proof_.empty()) {
            if (root == kEmptyRoot) return std::optional<Bytes>{};
            return fail(ProofError::empty_proof);
        }
        if (keccak256(proof_[0]) != root) return fail(ProofError::root_mismatch);
        // The root may be any size: it is referenced by hash even when under 32 bytes.
        ByteView encoded = proof_[0];
        std::size_t used = 1;
        NibbleView path = key_;
        bool is_root = true;
        bool after_extension = false;
        for (;;) {
            auto item = rlp::decode(encoded);
            if (!item) return fail(ProofError::invalid_rlp);
            if (!item->is_list) {
                // Only the empty trie's root is a string (rlp("")).
                if (is_root && item->payload.empty()) return finish(used, std::nullopt);
                return fail(ProofError::invalid_node);
            }
            auto fields = rlp::decode_list(*item);
            if (!fields) return fail(ProofError::invalid_rlp);
            const std::vector<rlp::Item>& f = *fields;

            const rlp::Item* next = nullptr;  // reference to the node below, if the walk goes on
            if (f.size() == 2) {
                if (after_extension || f[0].is_list) return fail(ProofError::invalid_node);
                auto hp = hex_prefix_decode(f[0].payload);
                if (!hp) return fail(ProofError::invalid_node);
                if (hp->is_leaf) {
                    if (f[1].is_list || f[1].payload.empty()) return fail(ProofError::invalid_node);
                    if (std::equal(path.begin(), path.end(), hp->nibbles.begin(), hp->nibbles.end()))
                        return finish(used, to_bytes(f[1].payload));
                    return finish(used, std::nullopt);
                }
                if (hp->nibbles.empty()) return fail(ProofError::invalid_node);
                if (!starts_with(path, hp->nibbles)) {
                    // Still require a well-formed child reference before concluding.
                    if (!detail::valid_ref(f[1], false)) return fail(ProofError::invalid_node);
                    return finish(used, std::nullopt);
                }
                path = path.subspan(hp->nibbles.size());
                next = &f[1];
                after_extension = true;
            } else if (f.size() == 17) {
                if (f[16].is_list) return fail(ProofError::invalid_node);
                int entries = f[16].payload.empty() ? 0 : 1;
                for (std::size_t i = 0; i < 16; ++i) {
                    if (!detail::valid_ref(f[i], true)) return fail(ProofError::invalid_node);
                    if (f[i].is_list || !f[i].payload.empty()) ++entries;
                }
                // A canonical trie collapses branches with fewer than two entries.
                if (entries < 2) return fail(ProofError::invalid_node);
                if (path.empty()) {
                    if (f[16].payload.empty()) return finish(used, std::nullopt);
                    return finish(used, to_bytes(f[16].payload));
                }
                next = &f[path[0]];
                path = path.subspan(1);
                after_extension = false;
            } else {
                return fail(ProofError::invalid_node);
            }

            if (!detail::valid_ref(*next, !after_extension)) return fail(ProofError::invalid_node);
            if (next->is_list) {
                encoded = next->encoded;  // embedded: decoded in place, uses no proof entry
            } else if (next->payload.empty()) {
                return finish(used, std::nullopt);  // empty branch slot: the key is absent
            } else {
                if (used == proof_.size()) return fail(ProofError::missing_node);
                const Bytes& node = proof_[used];
                if (keccak256(node) != Hash::right_aligned(next->payload))
                    return fail(ProofError::hash_mismatch);
                // A node under 32 bytes would have been embedded, not hashed.
                if (node.size() < 32) return fail(ProofError::invalid_node);
                encoded = node;
                ++used;
            }
            is_root = false;
        }
    }

private:
    // A child reference: the empty string (branches only), a 32-byte hash, or an embedded
    // node whose RLP is under 32 bytes.
    Outcome finish(std::size_t used, std::optional<Bytes> value) const {
        if (used != proof_.size()) return fail(ProofError::unused_node);
        return value;
    }

    Bytes key_;
    std::span<const Bytes> proof_;
};

}  // namespace

Result<std::optional<Bytes>, ProofError> verify_proof(const Hash& root, ByteView key,
                                                      std::span<const Bytes> proof) {
    return Verifier(key, proof).run(root);
}

}  // namespace optimist::trie
