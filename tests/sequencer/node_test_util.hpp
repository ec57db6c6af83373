// Helpers for tests that run a Node in-process: a temporary datadir and signed transfers
// from the dev accounts.
#pragma once

#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace optimist::sequencer::test {

class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("optimist-node-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    [[nodiscard]] std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

inline const Uint256 kGwei{1'000'000'000};

// An EIP-1559 transfer signed by dev account `from`.
inline tx::Transaction transfer(std::size_t from, const Address& to, const Uint256& value, std::uint64_t nonce,
                                std::uint64_t chain_id = 901, Uint256 max_fee = Uint256{10} * kGwei,
                                Uint256 tip = Uint256{1'000'000}) {
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = chain_id;
    t.nonce = nonce;
    t.max_fee_per_gas = max_fee;
    t.max_priority_fee_per_gas = tip;
    t.gas_limit = 21'000;
    t.to = to;
    t.value = value;
    auto s = tx::sign_transaction(t, dev_private_key(from));
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : t;
}

inline Bytes wire(const tx::Transaction& t) { return tx::encode_transaction(t); }

inline NodeConfig test_config(const TempDir& dir) {
    NodeConfig c;
    c.datadir = dir.str();
    c.block_time = std::chrono::milliseconds(0);
    return c;
}

}  // namespace optimist::sequencer::test
