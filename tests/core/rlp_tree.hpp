// Test helper: a fully decoded RLP tree, so tests can check that every accepted input
// re-encodes to itself (the canonical-form property the decoder promises).
#pragma once

#include <optimist/core/rlp.hpp>

#include <memory>
#include <vector>

namespace optimist::rlp::testing {

struct Tree {
    bool is_list = false;
    Bytes bytes;              // for strings
    std::vector<Tree> items;  // for lists
};

// Decodes recursively; fails if any nested item is malformed.
inline Result<Tree, RlpError> decode_tree(const Item& item, int depth = 0) {
    Tree t;
    t.is_list = item.is_list;
    if (!item.is_list) {
        t.bytes = to_bytes(item.payload);
        return t;
    }
    if (depth > 1000) return fail(RlpError::length_too_large);
    auto children = decode_list(item);
    if (!children) return fail(children.error());
    for (const auto& c : *children) {
        auto sub = decode_tree(c, depth + 1);
        if (!sub) return fail(sub.error());
        t.items.push_back(std::move(*sub));
    }
    return t;
}

inline Result<Tree, RlpError> decode_tree(ByteView input) {
    auto item = decode(input);
    if (!item) return fail(item.error());
    return decode_tree(*item);
}

inline void encode_tree(Encoder& e, const Tree& t) {
    if (!t.is_list) {
        e.add_bytes(t.bytes);
        return;
    }
    const auto mark = e.begin_list();
    for (const auto& c : t.items) encode_tree(e, c);
    e.end_list(mark);
}

inline Bytes encode_tree(const Tree& t) {
    Encoder e;
    encode_tree(e, t);
    return std::move(e).take();
}

}  // namespace optimist::rlp::testing
