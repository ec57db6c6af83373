// The two sides of `optimist-bench evm`: Optimist's interpreter, called in-process through
// exec::simulate_call (the code path of eth_call), and anvil (revm), called over JSON-RPC.
//
// Both run the same call on the same pre-state. The pre-state is built once, on Optimist's
// side, by running each benchmark contract's creation code; its contract accounts (code,
// nonce, balance, storage) are then copied to anvil with anvil_setCode, anvil_setNonce,
// anvil_setBalance and anvil_setStorageAt, so anvil's creation path is never involved.
//
// Thread safety: none; one thread drives both sides.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/workload/artifacts.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

namespace optimist::bench {

// What one call returned, on either side.
struct CallResult {
    bool success = false;        // false: reverted or halted
    std::string status;          // "success", "revert", "out_of_gas", ... (anvil: "success" or "error")
    Bytes output;                // return data, or revert data
    std::uint64_t gas_used = 0;  // after refunds, as a transaction is charged; 0 if unknown
    friend bool operator==(const CallResult&, const CallResult&) = default;
};

// A state reader over a fixed set of accounts whose records (code hash, storage root) are
// computed once: reads are map lookups, as in a node's warm state cache, so a benchmarked
// call pays for execution and not for re-deriving the records (InMemoryState::read_account
// hashes the code and the storage trie on every read).
class FrozenState final : public state::StateReader {
public:
    explicit FrozenState(const state::InMemoryState& source);

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

private:
    struct Entry {
        state::Account account;
        std::map<Uint256, Uint256> storage;
    };
    std::unordered_map<Address, Entry, FixedBytesHasher> accounts_;
    std::unordered_map<Hash, Bytes, FixedBytesHasher> code_;
};

// Optimist's side: the pre-state and calls through exec::simulate_call.
class OptimistSide {
public:
    // `caller` sends every call (with gas price zero, so it needs no balance); `gas_limit`
    // is each call's gas and the block gas limit.
    OptimistSide(Address caller, std::uint64_t gas_limit, std::uint64_t chain_id);

    // Runs the contract's creation code from the deployer and keeps the resulting accounts
    // (the contract and whatever its constructor created). Returns the contract's address.
    [[nodiscard]] Result<Address, std::string> deploy(const workload::ContractArtifact& contract);
    // Freezes the state built by deploy() for calls; deploy() may not be called afterwards.
    void freeze();

    [[nodiscard]] Result<CallResult, std::string> call(const Address& to, ByteView data) const;

    // Every account with code, as the pre-state anvil must receive.
    [[nodiscard]] const state::InMemoryState& state() const noexcept { return built_; }
    [[nodiscard]] const Address& caller() const noexcept { return caller_; }
    [[nodiscard]] std::uint64_t gas_limit() const noexcept { return gas_limit_; }

private:
    Address caller_;
    Address deployer_;
    std::uint64_t gas_limit_;
    evm::BlockContext block_;
    state::InMemoryState built_;
    std::optional<FrozenState> frozen_;
};

// anvil's side over JSON-RPC (one keep-alive connection).
class AnvilSide {
public:
    AnvilSide(std::string url, Address caller, std::uint64_t gas_limit);

    // web3_clientVersion, and a check that eth_call with the benchmark's gas limit is allowed.
    [[nodiscard]] Result<std::string, std::string> connect();
    // Copies every account with code from `state` (code, nonce, balance, storage) and reads
    // the code back to check it arrived.
    [[nodiscard]] Result<void, std::string> copy_contracts(const state::InMemoryState& state);

    // eth_call at "latest": output and success, no gas (eth_call does not report it).
    [[nodiscard]] Result<CallResult, std::string> call(const Address& to, ByteView data);
    // The gas the same call uses as a transaction: evm_snapshot, eth_sendTransaction from
    // the caller (one of anvil's unlocked dev accounts), the receipt's gasUsed, evm_revert.
    // Untimed; the state is as before afterwards.
    [[nodiscard]] Result<std::uint64_t, std::string> gas_used(const Address& to, ByteView data);

private:
    rpc::HttpClient client_;
    Address caller_;
    std::uint64_t gas_limit_;
};

}  // namespace optimist::bench
