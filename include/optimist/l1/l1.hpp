// L1: what the rollup's batcher, proposer, verifier and challenger need from the L1 chain
// (DESIGN decision 8). Backends: L1Stub (in-process, l1_stub.hpp), L1RpcClient (an
// optimist-l1 process over JSON-RPC, rpc_client.hpp); a real Ethereum node with contracts/
// deployed can implement the same interface.
//
// Every call returns a value or an L1Error; none throws. Thread safety is the backend's
// to state.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game.hpp>
#include <optimist/l1/types.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace optimist::l1 {

// Which account state nonce() reads: `latest` is the head block's; `pending` also counts
// the sender's accepted transactions not yet mined (the nonce the next transaction takes).
enum class NonceView : std::uint8_t { latest, pending };

class L1 {
public:
    virtual ~L1() = default;

    [[nodiscard]] virtual L1Result<std::uint64_t> chain_id() = 0;
    [[nodiscard]] virtual L1Result<L1Config> config() = 0;
    [[nodiscard]] virtual L1Result<L1Head> head() = 0;
    [[nodiscard]] virtual L1Result<std::uint64_t> nonce(const Address& account, NonceView view) = 0;
    // At the head block.
    [[nodiscard]] virtual L1Result<Uint256> balance(const Address& account) = 0;

    // Submits a signed transaction in its wire form (EIP-2718). The hash is returned once
    // the transaction is durably accepted: it will be mined unless it turns invalid
    // before then (an earlier transaction spent the funds). Rejections carry geth's
    // messages.
    [[nodiscard]] virtual L1Result<Hash> send_raw_transaction(ByteView wire) = 0;
    // nullopt until the transaction is mined (and for unknown hashes).
    [[nodiscard]] virtual L1Result<std::optional<L1Receipt>> receipt(const Hash& tx_hash) = 0;

    // Inbox entries of L1 blocks from_l1_block..to_l1_block (inclusive, clamped to the
    // head), in block order, then index order.
    [[nodiscard]] virtual L1Result<std::vector<InboxEntry>> batches(std::uint64_t from_l1_block,
                                                                    std::uint64_t to_l1_block) = 0;
    // Up to `max` proposals starting at index `from_index`, with their current status.
    [[nodiscard]] virtual L1Result<std::vector<OutputProposal>> outputs(std::uint64_t from_index,
                                                                        std::uint64_t max) = 0;

    // Up to `max` dispute games starting at id `from_id`, each the full record (with its
    // moves), as of the head block.
    [[nodiscard]] virtual L1Result<std::vector<DisputeGame>> games(std::uint64_t from_id,
                                                                   std::uint64_t max) = 0;
    // nullopt for an id not (yet) created.
    [[nodiscard]] virtual L1Result<std::optional<DisputeGame>> game(std::uint64_t id) = 0;
    // What the dispute game factory owes `account` (won bonds, refunds), until claimCredit().
    [[nodiscard]] virtual L1Result<Uint256> credit(const Address& account) = 0;

    // Mines one block now, with whatever is pending. Test and devnet stubs only: a real
    // node refuses it (rejected).
    [[nodiscard]] virtual L1Result<L1Head> mine() = 0;
};

}  // namespace optimist::l1
