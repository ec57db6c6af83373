#include "abi.hpp"

#include <optimist/core/keccak.hpp>

#include <algorithm>

namespace optimist::workload::abi {
namespace {

constexpr std::size_t kWord = 32;

void append_word(Bytes& out, const Uint256& v) {
    const Hash h = v.to_hash();
    append(out, h);
}

void append_address(Bytes& out, const Address& a) {
    out.insert(out.end(), kWord - Address::size(), 0);
    append(out, a);
}

}  // namespace

std::array<std::uint8_t, 4> selector(std::string_view signature) {
    const Hash h = keccak256({reinterpret_cast<const std::uint8_t*>(signature.data()), signature.size()});
    return {h[0], h[1], h[2], h[3]};
}

Arguments& Arguments::add(const Uint256& value) {
    Argument a;
    append_word(a.encoded, value);
    args_.push_back(std::move(a));
    return *this;
}

Arguments& Arguments::add(const Address& value) {
    Argument a;
    append_address(a.encoded, value);
    args_.push_back(std::move(a));
    return *this;
}

// Length, then the bytes right-padded with zeros to a whole number of words.
Arguments& Arguments::add(std::string_view text) {
    Argument a{.dynamic = true, .encoded = {}};
    append_word(a.encoded, text.size());
    a.encoded.insert(a.encoded.end(), text.begin(), text.end());
    a.encoded.resize(a.encoded.size() + (kWord - text.size() % kWord) % kWord, 0);
    args_.push_back(std::move(a));
    return *this;
}

// Length, then one word per element.
Arguments& Arguments::add(std::span<const Address> list) {
    Argument a{.dynamic = true, .encoded = {}};
    a.encoded.reserve(kWord * (list.size() + 1));
    append_word(a.encoded, list.size());
    for (const Address& address : list) append_address(a.encoded, address);
    args_.push_back(std::move(a));
    return *this;
}

Bytes Arguments::encode() const {
    Bytes head;
    Bytes tail;
    const std::size_t head_size = kWord * args_.size();
    for (const Argument& a : args_) {
        if (a.dynamic) {
            append_word(head, head_size + tail.size());
            append(tail, a.encoded);
        } else {
            append(head, a.encoded);
        }
    }
    append(head, tail);
    return head;
}

Bytes Arguments::call(std::string_view signature) const {
    const auto sel = selector(signature);
    Bytes out(sel.begin(), sel.end());
    append(out, encode());
    return out;
}

Bytes call(std::string_view signature) { return Arguments{}.call(signature); }

}  // namespace optimist::workload::abi
