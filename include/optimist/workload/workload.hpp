// Workload generator: deterministic streams of signed transactions that exercise the
// executor the way benchmarks and tests need (docs/workloads.md).
//
// A workload is a setup (transactions from one funder: contract deployments, funding of the
// workload accounts, token mints, liquidity) followed by the workload transactions proper.
// Each workload transaction comes from its own fresh account, so there are no nonce chains:
// whatever the transactions share is state their calls touch, which is what each kind
// controls (from "transfers", all disjoint, to "hotslot", all on one storage slot).
//
// Everything is a pure function of the Options: the same options give byte-identical
// transactions on every machine. Thread safety: generate() may run concurrently.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::workload {

enum class Kind : std::uint8_t {
    transfers,  // ETH transfers; every sender and recipient distinct
    erc20,      // Token.transfer; disjoint senders and recipients unless Options::hot > 0
    amm,        // Router.swapExactTokensForTokens, uniformly over Options::pools pools
    nft,        // Nft.mint: every mint advances one shared counter
    mainnet,    // a shuffled mix: 1/3 transfers, 1/3 ERC-20 transfers, the rest swaps and mints
    hotslot,    // HotCounter.increment: every transaction writes the same slot
};

// "transfers", "erc20", "amm", "nft", "mainnet", "hotslot".
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view name);
[[nodiscard]] std::string_view to_string(Kind k) noexcept;
// Every kind, in declaration order.
[[nodiscard]] std::span<const Kind> all_kinds() noexcept;

// The development key that funds a workload unless Options::funder_key says otherwise:
// dev account 0 of the test mnemonic (sequencer::dev_private_key(0)), which the dev genesis
// funds with 10,000 ETH.
[[nodiscard]] Hash default_funder_key();

// Fees of every transaction generated: EIP-1559 (type 2) with a nonzero tip. The dev genesis
// base fee is 1 gwei; the maximum leaves room for it to rise under load.
inline constexpr std::uint64_t kMaxFeePerGas = 100'000'000'000;        // 100 gwei
inline constexpr std::uint64_t kMaxPriorityFeePerGas = 1'000'000'000;  // 1 gwei
// What each workload account receives for gas (and, for transfers, its value).
inline constexpr std::uint64_t kAccountFunding = 50'000'000'000'000'000;  // 0.05 ETH

// How many hot accounts Options::hot spreads the hot transfers over.
inline constexpr std::size_t kHotAccounts = 4;

struct Options {
    Kind kind = Kind::transfers;
    std::size_t txs = 1000;  // transactions in the workload itself (not counting setup)
    std::uint64_t seed = 1;
    // erc20 only: this fraction of the transfers (rounded to a whole number) goes *to* one of
    // kHotAccounts hot accounts, so they conflict on the hot accounts' balance slots. The
    // senders stay distinct. 0: every transfer touches its own two balances only.
    double hot = 0.0;
    std::size_t pools = 64;                  // amm and mainnet: number of independent pools (>= 1)
    std::uint64_t chain_id = 901;            // the dev chain's id
    Hash funder_key = default_funder_key();  // signs the setup
    // The funder's account nonce when the setup starts: contract addresses follow from it.
    std::uint64_t funder_nonce = 0;
};

struct Workload {
    Address funder;          // the funder's address; the genesis must give it `funding_needed`
    Uint256 funding_needed;  // wei the funder spends on setup at most (values + gas limit x max fee)
    std::vector<tx::Transaction> setup;  // signed txs from the funder, in order: deployments,
                                         // funding of the workload accounts, mints, liquidity
    std::vector<tx::Transaction> txs;    // signed workload txs (sender set), in execution order
    std::vector<Address> contracts;      // every contract the setup deploys, in creation order
};

// The block a workload runs in for tests and benchmarks: the dev genesis' fee recipient and
// base fee (at most the workload's fee cap), a gas limit that holds any workload in one
// block, and BLOCKHASH answered with a made-up hash (no workload reads it).
[[nodiscard]] evm::BlockContext block_context(std::uint64_t number, std::uint64_t chain_id);

// Fails (with a message) on invalid options: hot outside [0, 1], pools == 0 for amm or
// mainnet, a funder key that is not a valid secp256k1 scalar, chain id 0.
// Every setup transaction's gas limit is below 30,000,000 (the dev genesis block gas limit),
// so the setup can be submitted to a devnet as is; it has few transactions (under 64, a
// sequencer's per-sender pool limit, up to about 10,000 workload transactions).
[[nodiscard]] Result<Workload, std::string> generate(const Options& options);

}  // namespace optimist::workload
