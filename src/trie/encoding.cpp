#include "encoding.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>

#include <algorithm>

namespace optimist::trie::detail {

NodeRef NodeRef::of_encoding(ByteView encoded) noexcept {
    NodeRef ref;
    if (encoded.size() < 32) {
        std::copy(encoded.begin(), encoded.end(), ref.bytes_.begin());
        ref.size_ = static_cast<std::uint8_t>(encoded.size());
    } else {
        const Hash h = keccak256(encoded);
        ref.bytes_[0] = 0x80 + 32;
        std::copy(h.begin(), h.end(), ref.bytes_.begin() + 1);
        ref.size_ = kHashRefSize;
    }
    return ref;
}

NodeRef NodeRef::of_hash(const Hash& hash) noexcept {
    NodeRef ref;
    ref.bytes_[0] = 0x80 + 32;
    std::copy(hash.begin(), hash.end(), ref.bytes_.begin() + 1);
    ref.size_ = kHashRefSize;
    return ref;
}

Hash NodeRef::hash() const noexcept {
    Hash h;
    std::copy(bytes_.begin() + 1, bytes_.end(), h.bytes.begin());
    return h;
}

Hash root_hash_of(const NodeRef& root) noexcept {
    return root.is_hash() ? root.hash() : keccak256(root.view());
}

std::size_t rlp_string_length(ByteView s) noexcept {
    if (s.size() == 1 && s[0] < 0x80) return 1;
    return rlp::header_length(s.size()) + s.size();
}

void append_rlp_string(Bytes& out, ByteView s) {
    if (s.size() == 1 && s[0] < 0x80) {
        out.push_back(s[0]);
        return;
    }
    rlp::append_header(out, false, s.size());
    append(out, s);
}

namespace {

// The hex-prefix path as an RLP string. The path is packed in place after the header
// rather than through a temporary, since this runs once per node hashed.
void append_path(Bytes& out, NibbleView path, bool is_leaf) {
    const std::size_t hp_size = hex_prefix_length(path.size());
    // A one-byte path below 0x80 is its own RLP (flag nibble 0..3 makes the byte < 0x40).
    if (hp_size != 1) rlp::append_header(out, false, hp_size);
    append_hex_prefix(out, path, is_leaf);
}

std::size_t path_length(NibbleView path) noexcept {
    const std::size_t hp_size = hex_prefix_length(path.size());
    return hp_size == 1 ? 1 : rlp::header_length(hp_size) + hp_size;
}

}  // namespace

void encode_leaf(Bytes& out, NibbleView path, ByteView value) {
    const std::size_t payload = path_length(path) + rlp_string_length(value);
    rlp::append_header(out, true, payload);
    append_path(out, path, true);
    append_rlp_string(out, value);
}

void encode_extension(Bytes& out, NibbleView path, const NodeRef& child) {
    const std::size_t payload = path_length(path) + child.view().size();
    rlp::append_header(out, true, payload);
    append_path(out, path, false);
    append(out, child.view());
}

void encode_branch(Bytes& out, const std::array<const NodeRef*, 16>& children, ByteView value) {
    std::size_t payload = rlp_string_length(value);
    for (const NodeRef* c : children) payload += (c == nullptr || c->is_empty()) ? 1 : c->view().size();
    rlp::append_header(out, true, payload);
    for (const NodeRef* c : children) {
        if (c == nullptr || c->is_empty())
            out.push_back(0x80);
        else
            append(out, c->view());
    }
    append_rlp_string(out, value);
}

}  // namespace optimist::trie::detail
