// Helpers for the L1 tests: a temporary datadir, dev keys and signed L1 transactions.
#pragma once

#include <optimist/core/hex.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/output_oracle_abi.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace optimist::l1::test {

class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("optimist-l1-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    [[nodiscard]] std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

// Keys of the first three "test test ... junk" accounts (public, well known).
inline constexpr std::array<std::string_view, 3> kDevKeys = {
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
};

inline Hash dev_key(std::size_t i) { return *fixed_from_hex<32>(kDevKeys[i]); }
inline Address dev_address(std::size_t i) { return dev_genesis_accounts()[i].address; }

inline const Uint256 kGwei{1'000'000'000};
inline const Uint256 kEther = Uint256{1'000'000'000} * kGwei;

// A signed EIP-1559 L1 transaction from `key`.
inline tx::Transaction l1_tx(const Hash& key, const Address& to, Bytes data, std::uint64_t nonce,
                             Uint256 value = {}, std::uint64_t chain_id = kDevL1ChainId) {
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = chain_id;
    t.nonce = nonce;
    t.max_fee_per_gas = Uint256{2} * kGwei;
    t.max_priority_fee_per_gas = Uint256{1};
    t.to = to;
    t.value = value;
    t.data = std::move(data);
    t.gas_limit = 21'000 + 16 * t.data.size();
    auto s = tx::sign_transaction(t, key);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : t;
}

inline Bytes wire(const tx::Transaction& t) { return tx::encode_transaction(t); }

inline L1StubConfig stub_config(const TempDir& dir) {
    L1StubConfig c;
    c.datadir = dir.str();
    c.block_time = std::chrono::milliseconds(0);
    c.l1.challenge_window = 3;
    return c;
}

inline Hash root_of(std::uint8_t b) {
    Hash h;
    h.bytes.fill(b);
    return h;
}

inline Bytes propose_data(std::uint8_t root_byte, std::uint64_t l2_block) {
    return encode_propose_call({root_of(root_byte), l2_block});
}

// intrinsic gas * 1 gwei, the stub's fee.
inline Uint256 fee_of(const Bytes& data) {
    std::uint64_t gas = 21'000;
    for (auto b : data) gas += b ? 16 : 4;
    return Uint256{gas} * kGwei;
}

}  // namespace optimist::l1::test
