// Fixed-width binary writer and reader for the resumable-execution images (the StateView
// image here, the EVM machine image in evm/machine_image.hpp).
//
// Every field has one encoding: integers are fixed-width big-endian, booleans one byte that
// must be 0 or 1, byte strings a u32 length then the bytes. The reader never reads past its
// input and never allocates more than the input could hold, so decoders built on it can take
// untrusted bytes; the first failure sticks and later reads return zeros.
//
// Lives in state because evm depends on state and both images use it; it belongs in core
// once that module takes a general binary codec.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace optimist::state::codec {

class Writer {
public:
    void u8(std::uint8_t v) { out_.push_back(v); }
    void boolean(bool v) { out_.push_back(v ? 1 : 0); }
    void u32(std::uint32_t v) { be(v, 4); }
    void u64(std::uint64_t v) { be(v, 8); }
    void i64(std::int64_t v) { be(static_cast<std::uint64_t>(v), 8); }
    void word(const Uint256& v) {
        const std::size_t n = out_.size();
        out_.resize(n + 32);
        v.to_be_bytes(out_.data() + n);
    }
    template <std::size_t N>
    void fixed(const FixedBytes<N>& v) {
        out_.insert(out_.end(), v.begin(), v.end());
    }
    // REQUIRES: b.size() < 2^32 (every image field is bounded far below; see the decoders).
    void bytes(ByteView b) {
        u32(static_cast<std::uint32_t>(b.size()));
        out_.insert(out_.end(), b.begin(), b.end());
    }
    // A count of elements that follow.
    void count(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }

    [[nodiscard]] Bytes take() && { return std::move(out_); }

private:
    void be(std::uint64_t v, int width) {
        for (int i = width - 1; i >= 0; --i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    Bytes out_;
};

class Reader {
public:
    explicit Reader(ByteView in) noexcept : in_(in) {}

    [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
    [[nodiscard]] const std::string& error() const noexcept { return error_; }
    [[nodiscard]] std::size_t remaining() const noexcept { return in_.size() - pos_; }
    [[nodiscard]] std::size_t position() const noexcept { return pos_; }

    // Records the first failure (with the offset where it was noticed).
    void fail(const std::string& why) {
        if (error_.empty()) error_ = why + " (at byte " + std::to_string(pos_) + ")";
    }

    std::uint8_t u8() {
        if (!take(1)) return 0;
        return in_[pos_ - 1];
    }
    bool boolean(const char* what) {
        const std::uint8_t v = u8();
        if (v > 1) fail(std::string(what) + ": boolean byte is not 0 or 1");
        return v == 1;
    }
    std::uint32_t u32() { return static_cast<std::uint32_t>(be(4)); }
    std::uint64_t u64() { return be(8); }
    std::int64_t i64() { return static_cast<std::int64_t>(be(8)); }
    Uint256 word() {
        if (!take(32)) return {};
        return Uint256::from_be_bytes(in_.subspan(pos_ - 32, 32));
    }
    template <std::size_t N>
    FixedBytes<N> fixed() {
        FixedBytes<N> v;
        if (take(N)) std::copy_n(in_.begin() + static_cast<std::ptrdiff_t>(pos_ - N), N, v.bytes.begin());
        return v;
    }
    // A length-prefixed byte string of at most `max` bytes.
    Bytes bytes(const char* what, std::size_t max) {
        const std::uint32_t n = u32();
        if (!ok()) return {};
        if (n > max) {
            fail(std::string(what) + ": " + std::to_string(n) + " bytes exceeds the limit of " + std::to_string(max));
            return {};
        }
        if (!take(n)) return {};
        return Bytes(in_.begin() + static_cast<std::ptrdiff_t>(pos_ - n), in_.begin() + static_cast<std::ptrdiff_t>(pos_));
    }
    // An element count of at most `max`, each element taking at least `min_size` bytes: a
    // count the remaining input cannot hold fails here, before anything is allocated.
    std::size_t count(const char* what, std::size_t max, std::size_t min_size) {
        const std::uint32_t n = u32();
        if (!ok()) return 0;
        if (n > max) {
            fail(std::string(what) + ": " + std::to_string(n) + " exceeds the limit of " + std::to_string(max));
            return 0;
        }
        if (min_size != 0 && n > remaining() / min_size) {
            fail(std::string(what) + ": " + std::to_string(n) + " entries do not fit in the input");
            return 0;
        }
        return n;
    }
    // Fails unless the whole input was consumed: one encoding per value.
    void finish() {
        if (ok() && remaining() != 0) fail("trailing bytes after the encoding");
    }

private:
    bool take(std::size_t n) {
        if (!ok()) return false;
        if (remaining() < n) {
            fail("truncated input");
            return false;
        }
        pos_ += n;
        return true;
    }
    std::uint64_t be(int width) {
        if (!take(static_cast<std::size_t>(width))) return 0;
        std::uint64_t v = 0;
        for (std::size_t i = pos_ - static_cast<std::size_t>(width); i < pos_; ++i) v = (v << 8) | in_[i];
        return v;
    }

    ByteView in_;
    std::size_t pos_ = 0;
    std::string error_;
};

}  // namespace optimist::state::codec
