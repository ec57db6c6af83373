// ChannelAssembler: rebuilds channels from the frames found in L1 payloads, the first stage
// of derivation.
//
// Frames of one channel may arrive in several L1 transactions and out of order; a frame whose
// channel and number were already seen is a duplicate and is ignored (the first copy wins), as
// are frames of a recently completed channel (a batcher re-posting after a restart). A channel
// is complete once its is_last frame and every frame before it are in; its data is the frames'
// data in number order.
//
// What is refused, each with a Rejection naming the reason, after which the assembler goes on:
//   - a malformed payload (frame.hpp's errors; all of its frames are dropped);
//   - a frame numbered above the channel's is_last frame, or an is_last frame below a frame
//     already received, or a second is_last frame (the frame is dropped, the channel stays);
//   - a channel whose frame data would exceed max_channel_bytes (the channel is dropped);
//   - a channel not complete within channel_timeout L1 blocks of its first frame (dropped);
//   - the oldest open channel when max_open_channels would be exceeded (dropped).
// Memory is therefore bounded by max_open_channels * max_channel_bytes.
//
// The output depends only on the sequence of (payload, L1 block) given, so every verifier
// that reads the same L1 derives the same channels (DESIGN decision 4).
//
// Thread safety: none; one derivation pipeline owns an assembler.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/rollup/frame.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::rollup {

struct AssemblerLimits {
    std::size_t max_channel_bytes = 10'000'000;  // sum of a channel's frame data
    std::size_t max_open_channels = 64;
    std::uint64_t channel_timeout = 300;      // L1 blocks from a channel's first frame
    std::size_t remembered_channels = 1'024;  // completed ids whose late frames are ignored
};

enum class RejectReason : std::uint8_t {
    malformed_payload,
    frame_after_last,
    conflicting_last,
    channel_too_large,
    channel_timed_out,
    too_many_channels,
};

[[nodiscard]] std::string_view to_string(RejectReason reason) noexcept;

struct Rejection {
    RejectReason reason = RejectReason::malformed_payload;
    std::optional<ChannelId> channel;  // absent for malformed payloads
    std::string message;
};

struct AssembledChannel {
    ChannelId id;
    Bytes data;
    std::uint64_t opened_at = 0;     // L1 block of its first frame
    std::uint64_t completed_at = 0;  // L1 block of the frame that completed it
};

struct AssemblerOutput {
    std::vector<AssembledChannel> channels;  // in the order they completed
    std::vector<Rejection> rejections;
    std::size_t duplicates = 0;  // frames ignored as already seen
};

class ChannelAssembler {
public:
    explicit ChannelAssembler(AssemblerLimits limits = {});

    // Takes one L1 transaction's payload, found in L1 block `l1_block`. First expires channels
    // that timed out by `l1_block`. REQUIRES: l1_block never decreases between calls.
    [[nodiscard]] AssemblerOutput add_payload(ByteView payload, std::uint64_t l1_block);

    // Drops the channels whose first frame is more than channel_timeout L1 blocks before
    // `l1_block`; derivation calls it at each new L1 block, payloads or not.
    [[nodiscard]] std::vector<Rejection> expire(std::uint64_t l1_block);

    [[nodiscard]] std::size_t open_channels() const noexcept { return open_.size(); }
    [[nodiscard]] std::size_t buffered_bytes() const noexcept { return buffered_bytes_; }

private:
    struct OpenChannel {
        std::uint64_t opened_at = 0;
        std::uint64_t sequence = 0;  // opening order, to evict the oldest deterministically
        std::map<std::uint16_t, Bytes> frames;
        std::optional<std::uint16_t> last;
        std::size_t bytes = 0;
    };

    void add_frame(Frame frame, std::uint64_t l1_block, AssemblerOutput& out);
    void drop(std::map<ChannelId, OpenChannel>::iterator it, RejectReason reason, std::string why,
              std::vector<Rejection>& out);
    void remember_completed(const ChannelId& id);

    AssemblerLimits limits_;
    std::map<ChannelId, OpenChannel> open_;
    std::size_t buffered_bytes_ = 0;
    std::uint64_t next_sequence_ = 0;
    std::set<ChannelId> completed_;
    std::deque<ChannelId> completed_order_;  // oldest first, for forgetting
};

}  // namespace optimist::rollup
