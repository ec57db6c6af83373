// Fixed-width big-endian writing and bounds-checked reading for the proof module's encodings
// (commitment preimages, one-step proofs). Every field has one encoding, so equal values hash
// equally (DESIGN decision 4).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace optimist::proof::wire {

class Writer {
public:
    explicit Writer(Bytes& out) : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(v); }
    void boolean(bool v) { out_.push_back(v ? 1 : 0); }
    void u32(std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) out_.push_back(static_cast<std::uint8_t>(v >> s));
    }
    void u64(std::uint64_t v) {
        for (int s = 56; s >= 0; s -= 8) out_.push_back(static_cast<std::uint8_t>(v >> s));
    }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void hash(const Hash& h) { append(out_, h.view()); }
    void address(const Address& a) { append(out_, a.view()); }
    void word(const Uint256& v) {
        std::uint8_t b[32];
        v.to_be_bytes(b);
        append(out_, ByteView{b, 32});
    }
    // u32 length, then the bytes.
    void bytes(ByteView b) {
        u32(static_cast<std::uint32_t>(b.size()));
        append(out_, b);
    }

private:
    Bytes& out_;
};

// Reads fields in order; after the first failure every read returns a zero value and ok()
// stays false, so decoders check once at the end (no exceptions, no partial states leak).
class Reader {
public:
    explicit Reader(ByteView in) : in_(in) {}
    [[nodiscard]] bool ok() const noexcept { return ok_; }
    [[nodiscard]] bool at_end() const noexcept { return pos_ == in_.size(); }
    [[nodiscard]] std::size_t pos() const noexcept { return pos_; }
    [[nodiscard]] std::size_t& pos_ref() noexcept { return pos_; }
    [[nodiscard]] ByteView input() const noexcept { return in_; }
    void set_failed() noexcept { ok_ = false; }

    std::uint8_t u8() {
        if (!need(1)) return 0;
        return in_[pos_++];
    }
    bool boolean() {
        const std::uint8_t v = u8();
        if (v > 1) ok_ = false;
        return v == 1;
    }
    std::uint32_t u32() {
        if (!need(4)) return 0;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_++];
        return v;
    }
    std::uint64_t u64() {
        if (!need(8)) return 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | in_[pos_++];
        return v;
    }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    Hash hash() {
        Hash h;
        if (!need(32)) return h;
        std::copy(in_.begin() + static_cast<std::ptrdiff_t>(pos_), in_.begin() + static_cast<std::ptrdiff_t>(pos_ + 32),
                  h.bytes.begin());
        pos_ += 32;
        return h;
    }
    Address address() {
        Address a;
        if (!need(20)) return a;
        std::copy(in_.begin() + static_cast<std::ptrdiff_t>(pos_), in_.begin() + static_cast<std::ptrdiff_t>(pos_ + 20),
                  a.bytes.begin());
        pos_ += 20;
        return a;
    }
    Uint256 word() {
        if (!need(32)) return {};
        const Uint256 v = Uint256::from_be_bytes(in_.subspan(pos_, 32));
        pos_ += 32;
        return v;
    }
    // At most `max` bytes.
    Bytes bytes(std::size_t max) {
        const std::uint32_t n = u32();
        if (n > max || !need(n)) {
            ok_ = false;
            return {};
        }
        Bytes b(in_.begin() + static_cast<std::ptrdiff_t>(pos_), in_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
        pos_ += n;
        return b;
    }

private:
    bool need(std::size_t n) {
        if (!ok_ || in_.size() - pos_ < n) {
            ok_ = false;
            return false;
        }
        return true;
    }

    ByteView in_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

}  // namespace optimist::proof::wire
