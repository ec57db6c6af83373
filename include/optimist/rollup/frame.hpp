// Frames: how a channel's bytes are cut to fit L1 transactions, and the L1 payload that
// carries them (docs/protocol.md, "Channels and frames").
//
//   payload = derivation version (1 byte, 0x00) ‖ frame ‖ frame ‖ ...
//   frame   = channel id (16) ‖ frame number (u16 BE) ‖ data length (u32 BE) ‖ data ‖ is_last (u8)
//
// A payload is all or nothing: if any frame in it is malformed, none of its frames count,
// because after a bad length the next frame's start is unknowable and accepting a prefix would
// make the result depend on where the damage fell.
//
// Thread safety: every function is pure and may run concurrently.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::rollup {

using ChannelId = FixedBytes<16>;

inline constexpr std::uint8_t kDerivationVersion0 = 0x00;
// channel id, frame number, data length, is_last.
inline constexpr std::size_t kFrameOverhead = 16 + 2 + 4 + 1;
// The largest data a frame may declare; the parser refuses longer ones before looking further.
inline constexpr std::size_t kMaxFrameDataSize = 1'000'000;
// A frame of at most this many bytes (overhead included) fits a blob-sized L1 payload.
inline constexpr std::size_t kDefaultMaxFrameSize = 120'000;
// Frame numbers are u16.
inline constexpr std::size_t kMaxFramesPerChannel = 65'536;

struct Frame {
    ChannelId channel_id;
    std::uint16_t number = 0;
    Bytes data;
    bool is_last = false;
    friend bool operator==(const Frame&, const Frame&) = default;
};

enum class FrameErrorKind : std::uint8_t {
    empty_payload,     // no bytes at all
    unknown_version,   // a derivation version this node does not read
    no_frames,         // a version byte and nothing after it
    truncated_header,  // fewer bytes left than a frame's fixed fields
    truncated_data,    // a data length running past the end of the payload
    data_too_large,    // a data length above kMaxFrameDataSize
    bad_is_last,       // is_last neither 0 nor 1
    frame_too_small,   // split_channel: max_frame_size leaves no room for data
    too_many_frames,   // split_channel: the channel needs more than kMaxFramesPerChannel frames
};

[[nodiscard]] std::string_view to_string(FrameErrorKind kind) noexcept;

struct FrameError {
    FrameErrorKind kind = FrameErrorKind::truncated_header;
    std::string message;  // says which frame, at which offset, and what was found
};

// The encoded size of a frame: kFrameOverhead + data size.
[[nodiscard]] constexpr std::size_t frame_size(const Frame& f) noexcept {
    return kFrameOverhead + f.data.size();
}

void append_frame(Bytes& out, const Frame& frame);

// The derivation version byte followed by the frames, in order. REQUIRES: each frame's data
// is at most kMaxFrameDataSize bytes.
[[nodiscard]] Bytes encode_payload(std::span<const Frame> frames);

// The frames of one L1 payload, in the order they appear.
[[nodiscard]] Result<std::vector<Frame>, FrameError> parse_payload(ByteView payload);

// Cuts `channel_data` into frames numbered 0, 1, ... of at most `max_frame_size` encoded bytes
// each (data capped at kMaxFrameDataSize), the last one marked is_last. Empty data gives one
// empty last frame.
[[nodiscard]] Result<std::vector<Frame>, FrameError> split_channel(
    const ChannelId& id, ByteView channel_data, std::size_t max_frame_size = kDefaultMaxFrameSize);

}  // namespace optimist::rollup
