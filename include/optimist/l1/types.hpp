// The values the L1 hands to the rollup: its configuration, its head, receipts, batch-inbox
// entries and output proposals. Shared by every L1 backend (the in-process stub, the
// JSON-RPC client, later a real Ethereum node with contracts/ deployed).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace optimist::l1 {

// The devnet L1: chain id 900 (OP's devnet L1 id), the rollup being 901.
inline constexpr std::uint64_t kDevL1ChainId = 900;

// Why an L1 call failed. `rejected`: the L1 refused the request as given (an invalid
// transaction, a bad argument); resending it unchanged fails again. `unavailable`: the L1
// could not be reached or did not answer (a retry may succeed). `internal`: the L1 failed
// on its side (storage error, a bug).
enum class L1ErrorKind : std::uint8_t { rejected, unavailable, internal };

struct L1Error {
    L1ErrorKind kind = L1ErrorKind::rejected;
    // For rejected transactions, geth's message ("nonce too low", "insufficient funds for
    // gas * price + value", "invalid sender", ...), so callers can match them.
    std::string message;

    friend bool operator==(const L1Error&, const L1Error&) = default;
};

[[nodiscard]] std::string_view to_string(L1ErrorKind kind) noexcept;

template <typename T>
using L1Result = Result<T, L1Error>;

struct L1Config {
    std::uint64_t chain_id = kDevL1ChainId;
    // Transactions to this address carry batches: their calldata is stored as it is.
    Address batch_inbox;
    // Transactions to this address propose output roots (output_oracle_abi.hpp).
    Address output_oracle;
    // A proposal made in L1 block P finalizes in block P + challenge_window.
    std::uint64_t challenge_window = 10;
    // The smallest bond (the proposal's value, in wei) the oracle accepts; also the smallest
    // bond of a dispute game.
    Uint256 min_bond;
    // Transactions to this address play dispute games (dispute_game_abi.hpp).
    Address dispute_game_factory;
    // Each party's chess clock in a dispute game, in L1 blocks for the whole game. A game
    // keeps the value it was created with.
    std::uint64_t game_clock = 200;
    // The output root of L2 block 0: the agreed starting point of a dispute when no proposal
    // below the disputed block has finalized. Zero: not known (games that would need it
    // cannot be created).
    Hash l2_genesis_output;

    friend bool operator==(const L1Config&, const L1Config&) = default;
};

struct L1Head {
    std::uint64_t number = 0;
    Hash hash;
    std::uint64_t timestamp = 0;

    friend bool operator==(const L1Head&, const L1Head&) = default;
};

// The outcome of an included L1 transaction.
struct L1Receipt {
    Hash tx_hash;
    std::uint64_t block_number = 0;
    Hash block_hash;
    std::uint32_t index = 0;  // position in the block
    bool success = false;
    std::uint64_t gas_used = 0;
    Address from;
    std::optional<Address> to;
    // Why a failed transaction failed (e.g. "bond below minimum"); empty on success.
    std::string failure_reason;

    friend bool operator==(const L1Receipt&, const L1Receipt&) = default;
};

// The calldata of a successful transaction to the batch inbox.
struct InboxEntry {
    std::uint64_t l1_block = 0;
    std::uint32_t index = 0;  // the transaction's position in its L1 block
    // Recovered from the transaction's signature: derivation accepts only the authorized
    // batcher's entries; the inbox itself judges neither sender nor content.
    Address sender;
    Bytes data;
    Hash tx_hash;

    friend bool operator==(const InboxEntry&, const InboxEntry&) = default;
};

enum class OutputStatus : std::uint8_t {
    proposed,   // inside the challenge window (or held by a dispute)
    finalized,  // settled: the bond went back to the proposer
    // A dispute game proved the root wrong: it never finalizes and its bond went to the
    // challenger. Finalization of later proposals passes over it.
    invalidated,
};

[[nodiscard]] std::string_view to_string(OutputStatus status) noexcept;
[[nodiscard]] std::optional<OutputStatus> parse_output_status(std::string_view text) noexcept;

struct OutputProposal {
    std::uint64_t index = 0;  // 0, 1, 2, ... in proposal order
    Address proposer;         // recovered from the transaction's signature
    std::uint64_t l2_block = 0;
    Hash output_root;
    Uint256 bond;
    std::uint64_t l1_block = 0;  // the L1 block that included the proposal
    OutputStatus status = OutputStatus::proposed;

    friend bool operator==(const OutputProposal&, const OutputProposal&) = default;
};

}  // namespace optimist::l1
