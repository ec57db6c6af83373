// L1Stub: an in-process L1 chain for the devnet and tests, kept in its own LevelDB.
//
// It holds accounts (balance, nonce), blocks, standard signed Ethereum transactions (legacy,
// EIP-2930, EIP-1559; the signature proves who posts), the batch inbox and the output
// oracle; see docs/l1.md for the rules. In short:
//   - a transaction costs intrinsic gas (21000 + EIP-2028 calldata + EIP-2930 access list)
//     times a fixed base fee (config.base_fee, burned; tips are not charged);
//   - to config.l1.batch_inbox: the calldata becomes an InboxEntry;
//   - to config.l1.output_oracle: proposeL2Output(bytes32,uint256) with the bond as value
//     (>= min_bond, L2 block numbers strictly increasing, else the transaction fails and
//     its receipt says why; a failed transaction pays its gas and moves no value);
//   - to config.l1.dispute_game_factory: the dispute game calls (dispute_game_abi.hpp);
//     games are decided with the DisputeReferee the stub is given;
//   - to anything else: a plain transfer; contract creation is refused;
//   - a proposal included in block P finalizes in block P + challenge_window, in index
//     order, unless a dispute game over it is open (then when the last one resolves in the
//     proposer's favour), and its bond goes back to the proposer; a proposal a game proves
//     wrong is invalidated and later ones finalize past it.
//
// Durability (DESIGN decision 6): an accepted transaction is journaled in LevelDB before its
// hash is returned; each mined block (header, transactions, receipts, accounts, inbox
// entries, proposals, games, credits, journal removals, head) is one WriteBatch. open() on an existing
// datadir resumes from the stored head and re-queues the journal.
//
// Thread safety: every method may be called from any thread; one mutex serializes them.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_referee.hpp>
#include <optimist/l1/inbox_reader.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/tx/block.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace optimist::l1 {

struct GenesisAccount {
    Address address;
    Uint256 balance;
};

// The devnet L1's configuration: chain id 900, inbox 0xff00...0901, oracle 0xee00...0901,
// dispute game factory 0xdd00...0901, a window of 10 L1 blocks, a minimum bond of 0.1 ETH,
// game clocks of 200 L1 blocks and no L2 genesis output root (the tool running the L1 sets
// it).
[[nodiscard]] L1Config dev_l1_config();
// The ten accounts of "test test ... junk" (the ones anvil funds), 10,000 ETH each.
[[nodiscard]] std::vector<GenesisAccount> dev_genesis_accounts();

struct L1StubConfig {
    std::string datadir;  // the LevelDB directory (created when missing)
    L1Config l1 = dev_l1_config();
    // Between blocks mined by the thread start() runs; 0 mines one block per accepted
    // transaction. Without start() blocks come only from mine().
    std::chrono::milliseconds block_time{2000};
    Uint256 base_fee{1'000'000'000};  // 1 gwei, fixed
    std::uint64_t gas_limit = 30'000'000;
    // Written only when the datadir is new.
    std::vector<GenesisAccount> genesis = dev_genesis_accounts();
    // fsync every journal entry and block (survives power loss, not only a killed process).
    bool sync_writes = false;
    // Decides dispute games (step counts, one-step proofs). Null: createGame fails with
    // "dispute games disabled (no referee)". The stub calls it while building a block, with
    // its lock held: see inbox_reader.hpp for what it may read, and set_referee() for a
    // referee that needs the stub's own inbox.
    std::shared_ptr<const DisputeReferee> referee;
};

// A mined block as the JSON-RPC layer shows it.
struct L1Block {
    tx::BlockHeader header;
    Hash hash;
    std::vector<Hash> tx_hashes;
};

// An included transaction with its receipt.
struct L1Transaction {
    tx::Transaction tx;  // sender set
    L1Receipt receipt;
};

class L1Stub final : public L1 {
public:
    // Creates the chain (genesis block 0, accounts) in a new datadir or resumes an existing
    // one. Refuses a datadir whose chain id, inbox, oracle or factory differ from config.l1,
    // or whose L2 genesis output differs from a non-zero configured one (a zero configured
    // value takes the stored one; a stored zero takes the configured one); a new challenge
    // window, minimum bond or game clock is adopted (and logged).
    [[nodiscard]] static Result<std::unique_ptr<L1Stub>, std::string> open(L1StubConfig config);
    ~L1Stub() override;  // stop()
    L1Stub(const L1Stub&) = delete;
    L1Stub& operator=(const L1Stub&) = delete;

    // Starts / stops the mining thread (see block_time). Both idempotent.
    void start();
    void stop();

    // Replaces config.referee from the next block on: for a referee built over inbox_reader(),
    // which exists only once the stub is open.
    void set_referee(std::shared_ptr<const DisputeReferee> referee);
    // The committed inbox, readable without the block-building lock (inbox_reader.hpp). It
    // stays valid after the stub is destroyed (reads then fail as unavailable).
    [[nodiscard]] std::shared_ptr<const InboxReader> inbox_reader() const;

    [[nodiscard]] L1Result<std::uint64_t> chain_id() override;
    [[nodiscard]] L1Result<L1Config> config() override;
    [[nodiscard]] L1Result<L1Head> head() override;
    [[nodiscard]] L1Result<std::uint64_t> nonce(const Address& account, NonceView view) override;
    [[nodiscard]] L1Result<Uint256> balance(const Address& account) override;
    [[nodiscard]] L1Result<Hash> send_raw_transaction(ByteView wire) override;
    [[nodiscard]] L1Result<std::optional<L1Receipt>> receipt(const Hash& tx_hash) override;
    [[nodiscard]] L1Result<std::vector<InboxEntry>> batches(std::uint64_t from_l1_block,
                                                            std::uint64_t to_l1_block) override;
    [[nodiscard]] L1Result<std::vector<OutputProposal>> outputs(std::uint64_t from_index,
                                                                std::uint64_t max) override;
    [[nodiscard]] L1Result<std::vector<DisputeGame>> games(std::uint64_t from_id, std::uint64_t max) override;
    [[nodiscard]] L1Result<std::optional<DisputeGame>> game(std::uint64_t id) override;
    [[nodiscard]] L1Result<Uint256> credit(const Address& account) override;
    [[nodiscard]] L1Result<L1Head> mine() override;

    // Stub-only reads for the JSON-RPC layer.
    [[nodiscard]] std::optional<L1Block> block(std::uint64_t number) const;
    [[nodiscard]] std::optional<L1Transaction> transaction(const Hash& tx_hash) const;
    [[nodiscard]] std::size_t pending_count() const;
    [[nodiscard]] const L1StubConfig& stub_config() const noexcept { return config_; }

private:
    struct Impl;
    explicit L1Stub(L1StubConfig config);

    L1StubConfig config_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::l1
