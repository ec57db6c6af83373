// Genesis: the chain's parameters and initial state, from a JSON file or the built-in dev
// genesis.
//
// The file format is a small subset of geth's genesis.json with rollup fields added:
//   {
//     "chainId": 901,                    number
//     "gasLimit": "0x1c9c380",           quantity (hex or decimal string, or number)
//     "baseFeePerGas": "0x3b9aca00",     genesis base fee (EIP-1559)
//     "timestamp": "0x0",
//     "extraData": "0x",
//     "feeRecipient": "0x4200...0011",   receives priority fees (the sequencer's vault)
//     "blockTime": 1,                    seconds between blocks; 0 mines on each transaction
//     "batcherAddress": "0x2361...",     the only sender whose L1 inbox posts derivation reads
//     "alloc": { "0xaddress": { "balance": "0x..", "nonce": "0x0", "code": "0x..",
//                               "storage": { "0xslot": "0xvalue" } } }
//   }
// Unknown fields are rejected, so a typo ("gaslimit") is an error, not a silent default.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/write_set.hpp>
#include <optimist/tx/block.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace optimist::sequencer {

struct GenesisAccount {
    Uint256 balance;
    std::uint64_t nonce = 0;
    Bytes code;
    std::map<Uint256, Uint256> storage;  // zero values are dropped
};

struct Genesis {
    std::uint64_t chain_id = 901;
    std::uint64_t gas_limit = 30'000'000;
    Uint256 base_fee = Uint256{1'000'000'000};  // 1 gwei
    std::uint64_t timestamp = 0;
    Bytes extra_data;
    Address fee_recipient;
    std::uint64_t block_time = 1;  // seconds; 0 = a block per transaction
    // The rollup's authorized batcher: derivation reads only its inbox entries. Not part of
    // any header, so it does not change the genesis hash.
    Address batcher;
    std::map<Address, GenesisAccount> alloc;
};

// The devnet genesis: chain id 901, 30M gas, 1 s blocks, the ten dev accounts
// (dev_accounts.hpp) funded with 10,000 ETH each, as anvil funds them, and dev account 8 as
// the batcher (kDevBatcherAccount; the proposer signs with kDevProposerAccount).
inline constexpr std::size_t kDevBatcherAccount = 8;
inline constexpr std::size_t kDevProposerAccount = 9;
[[nodiscard]] Genesis dev_genesis();

[[nodiscard]] Result<Genesis, std::string> parse_genesis(std::string_view json_text);
[[nodiscard]] Result<Genesis, std::string> load_genesis_file(const std::string& path);
// The JSON form parse_genesis reads back to the same Genesis.
[[nodiscard]] std::string genesis_to_json(const Genesis& g);

// The writes that create the genesis accounts (sorted, as a WriteSet must be).
[[nodiscard]] state::WriteSet genesis_write_set(const Genesis& g);

// The state root of the genesis allocations.
[[nodiscard]] Hash genesis_state_root(const Genesis& g);

// Block 0 over the given state root: no parent, no transactions, every Cancun field present.
[[nodiscard]] tx::BlockHeader genesis_header(const Genesis& g, const Hash& state_root);

// The header fields of the block after `parent` that do not depend on its transactions:
// parent hash, number, fee recipient and gas limit (from the genesis), `timestamp`, the
// EIP-1559 base fee, and PREVRANDAO = keccak256(parent hash) (an L2 has no beacon chain, so
// every verifier derives the same value). The sequencer builds blocks from it, and
// derivation rebuilds them from it with the timestamp and transactions a batch carries: an L2
// block is determined by its parent, its timestamp and its transactions.
[[nodiscard]] tx::BlockHeader next_header_template(const Genesis& g, const tx::BlockHeader& parent,
                                                   const Hash& parent_hash, std::uint64_t timestamp);

}  // namespace optimist::sequencer
