// Code analysis: the padded code and its jump-destination bitmap, computed once per code
// hash and shared by every frame that runs the same code.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace optimist::evm {

// Immutable once built, so frames share it through shared_ptr and threads may share a
// cache's entries (not the cache itself).
class CodeAnalysis {
public:
    // Bytes appended after the code: a PUSH32 as the last byte reads zeros, and running
    // off the end reads STOP (Yellow Paper 9.4: bytes past the code are STOP).
    static constexpr std::size_t kPadding = 33;

    CodeAnalysis(ByteView code, const Hash& code_hash);

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    // The code followed by kPadding zero bytes.
    [[nodiscard]] const std::uint8_t* padded() const noexcept { return padded_.data(); }
    [[nodiscard]] ByteView code() const noexcept { return {padded_.data(), size_}; }
    [[nodiscard]] const Hash& code_hash() const noexcept { return code_hash_; }

    // True if `pc` is a JUMPDEST opcode (not PUSH data). Any pc is accepted.
    [[nodiscard]] bool is_jumpdest(std::uint64_t pc) const noexcept {
        return pc < size_ && ((jumpdests_[pc / 64] >> (pc % 64)) & 1) != 0;
    }

private:
    Bytes padded_;
    std::size_t size_ = 0;
    std::vector<std::uint64_t> jumpdests_;
    Hash code_hash_;
};

// Analyses keyed by code hash. Not thread-safe: one cache per thread (or per Machine).
// Bounded: when it holds more than `max_entries` analyses it starts over.
class AnalysisCache {
public:
    explicit AnalysisCache(std::size_t max_entries = 1024) : max_entries_(max_entries) {}

    // The analysis of `code`, whose keccak256 is `code_hash`.
    [[nodiscard]] std::shared_ptr<const CodeAnalysis> get(const Hash& code_hash, ByteView code);
    // The cached analysis of the code with this hash, or null.
    [[nodiscard]] std::shared_ptr<const CodeAnalysis> find(const Hash& code_hash) const;

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

private:
    std::size_t max_entries_;
    std::unordered_map<Hash, std::shared_ptr<const CodeAnalysis>, FixedBytesHasher> entries_;
};

}  // namespace optimist::evm
