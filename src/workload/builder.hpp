// Builder: collects a workload's transactions unsigned, with the gas limits and batch sizes
// that keep every setup transaction under a 30M-gas block, and signs them all at the end.
// The kinds (kinds.cpp, mainnet.cpp) say what to deploy and send; this says how.
#pragma once

#include "accounts.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/tx/transaction.hpp>
#include <optimist/workload/artifacts.hpp>
#include <optimist/workload/workload.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace optimist::workload {

// Gas limits of the workload transactions: about 1.5x what each uses (measured by executing
// every kind: token transfer 51,500, swap 95,000, mint 73,000-90,000, increment
// 28,000-45,000; an ETH transfer to an account without code is exactly 21,000), so a block's
// gas limit admits about as many as it could run.
inline constexpr std::uint64_t kTransferGas = 21'000;
inline constexpr std::uint64_t kTokenTransferGas = 80'000;
inline constexpr std::uint64_t kSwapGas = 150'000;
inline constexpr std::uint64_t kNftMintGas = 120'000;
inline constexpr std::uint64_t kIncrementGas = 60'000;

class Builder {
public:
    // REQUIRES: options.funder_key is a valid key whose address is `funder`.
    Builder(const Options& options, const Address& funder);

    // ---- Setup: the funder's transactions, nonces in call order ----

    // Deploys `c` with the ABI-encoded constructor arguments; returns its address.
    Address deploy(Contract c, const Bytes& constructor_args = {});
    void call(const Address& to, Bytes data, std::uint64_t gas, const Uint256& value = {});
    // kAccountFunding to each account, through the Airdrop contract.
    void fund(const Address& airdrop, std::span<const Address> accounts);
    // Token.mintBatch: `amount` to each address.
    void mint(const Address& token, std::span<const Address> to, const Uint256& amount);
    // Router.createPairs: `count` pools of token0/token1; returns their addresses in order.
    std::vector<Address> create_pairs(const Address& router, const Address& token0, const Address& token1,
                                      std::size_t count);
    // Router.mintLiquidity over pairs already holding their deposits; shares to the funder.
    void mint_liquidity(const Address& router, std::span<const Address> pairs);

    // ---- The workload ----

    void add(const Account& from, const Address& to, Bytes data, std::uint64_t gas,
             const Uint256& value = {});

    // Signs everything. Fails only if a signature cannot be made (a key that is not a valid
    // scalar, or an r that v cannot express, probability ~2^-127).
    [[nodiscard]] Result<Workload, std::string> finish() &&;

private:
    [[nodiscard]] tx::Transaction unsigned_tx(std::uint64_t nonce, const Address& to, Bytes data,
                                              std::uint64_t gas, const Uint256& value) const;

    const Options& options_;
    Address funder_;
    std::uint64_t nonce_;
    Uint256 funding_;
    std::vector<tx::Transaction> setup_;
    std::vector<tx::Transaction> txs_;
    std::vector<Hash> keys_;  // keys_[i] signs txs_[i]
    std::vector<Address> contracts_;
    std::map<Address, std::uint64_t> contract_nonces_;  // for CREATE from contracts (Router)
};

// The first `count` accounts of the seed (derive_account).
[[nodiscard]] std::vector<Account> derive_accounts(std::uint64_t seed, std::size_t count);
[[nodiscard]] std::vector<Address> addresses_of(std::span<const Account> accounts);

// 10^18: one ether, or one whole token (18 decimals).
[[nodiscard]] Uint256 whole_units(std::uint64_t n);

}  // namespace optimist::workload
