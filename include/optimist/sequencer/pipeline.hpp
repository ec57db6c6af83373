// The rollup pipeline of the sequencer: the batcher posts its blocks to the L1 batch inbox,
// the proposer posts output roots to the L1 output oracle, and both track what L1 holds so
// the node can report safe and finalized heads.
//
// Both are restart-safe without local state: they read back from L1 what their own keys
// posted (the batcher derives its own inbox entries; the proposer reads the oracle), and
// neither sends while one of its transactions is still unmined, so a restart of the
// sequencer or of the L1 never makes them post a block or a root twice. A channel is
// identified by its content (rollup::channel_id_for), so even a re-post after a lost
// acknowledgment is recognized by derivation as a duplicate.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/types.hpp>
#include <optimist/rollup/compression.hpp>
#include <optimist/rollup/frame.hpp>
#include <optimist/sequencer/derivation.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace optimist::l1 {
class L1;
}

namespace optimist::sequencer {

class Node;

struct BatcherConfig {
    Hash key;  // signs the inbox transactions; its address must be the rollup's batcher
    rollup::Codec codec = rollup::kDefaultCodec;
    std::size_t max_frame_size = rollup::kDefaultMaxFrameSize;
    std::size_t max_blocks_per_batch = 500;
};

struct ProposerConfig {
    Hash key;
    std::uint64_t interval = 1;  // propose the output root of every interval-th L2 block
    // The bond sent with each proposal; nullopt: the oracle's minimum.
    std::optional<Uint256> bond;
    // Fault injection (tests, the dishonest-proposer devnet option): given an L2 block and
    // its honest output root, the root to post instead, or nullopt to post the honest one.
    std::function<std::optional<Hash>(std::uint64_t l2_block, const Hash& honest_root)> override_root;
};

struct PipelineConfig {
    BatcherConfig batcher;
    ProposerConfig proposer;
    std::chrono::milliseconds poll{500};
    Uint256 l1_max_fee{10'000'000'000ULL};     // 10 gwei
    Uint256 l1_priority_fee{1'000'000'000ULL};  // 1 gwei
};

// One L1 signer: builds, signs and sends EIP-1559 transactions from one key.
class L1Sender {
public:
    L1Sender(l1::L1& l1, const Hash& key, Uint256 max_fee, Uint256 priority_fee);
    [[nodiscard]] const Address& address() const noexcept { return address_; }
    // True while a transaction of this key is accepted by the L1 but not mined.
    [[nodiscard]] Result<bool, std::string> has_unmined();
    [[nodiscard]] Result<Hash, std::string> send(const Address& to, ByteView data, const Uint256& value);

private:
    l1::L1& l1_;
    Hash key_;
    Address address_;
    Uint256 max_fee_;
    Uint256 priority_fee_;
    std::optional<std::uint64_t> chain_id_;
};

class Batcher {
public:
    Batcher(Node& node, l1::L1& l1, const BatcherConfig& config, const PipelineConfig& fees);
    // Reads the inbox up to the L1 head, then posts the blocks not yet on L1 (unless a
    // previous post is still unmined). Updates the node's safe head and posted head.
    [[nodiscard]] Status<std::string> step();

private:
    Node& node_;
    l1::L1& l1_;
    BatcherConfig config_;
    L1Sender sender_;
    std::unique_ptr<rollup::Compressor> compressor_;
    Deriver own_entries_;  // derives this batcher's own posts: what is safe
    std::optional<Address> inbox_;
    std::uint64_t next_l1_block_ = 0;
    std::uint64_t safe_ = 0;
    std::uint64_t posted_ = 0;
};

class Proposer {
public:
    Proposer(Node& node, l1::L1& l1, const ProposerConfig& config, const PipelineConfig& fees);
    // Reads the oracle's proposals, then proposes the next due output root once its block
    // is safe. Updates the node's finalized head and proposal list.
    [[nodiscard]] Status<std::string> step();

private:
    Node& node_;
    l1::L1& l1_;
    ProposerConfig config_;
    L1Sender sender_;
    std::uint64_t first_open_index_ = 0;  // proposals before it are finalized and recorded
    std::optional<l1::L1Config> l1_config_;
    // Proposals sent, until their receipts are read: a failed one is reported and its block
    // is not proposed again (the same transaction would fail the same way).
    std::vector<std::pair<Hash, std::uint64_t>> in_flight_;
    std::optional<std::uint64_t> failed_block_;
};

// Runs the batcher and proposer on one thread every `poll`.
class Pipeline {
public:
    // `l1` must outlive the pipeline; the pipeline thread is its only user while it runs.
    Pipeline(Node& node, l1::L1& l1, PipelineConfig config);
    ~Pipeline();
    void start();
    void stop();
    // One round (tests call it directly instead of start()).
    void step();

private:
    Node& node_;
    PipelineConfig config_;
    Batcher batcher_;
    Proposer proposer_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool warned_unreachable_ = false;
};

// keccak256(version ‖ state root ‖ message-passer storage root (zero until withdrawals) ‖
// block hash) of block `number` of the node's chain; nullopt when the block is unknown.
[[nodiscard]] std::optional<Hash> output_root_at(const Node& node, std::uint64_t number);

}  // namespace optimist::sequencer
