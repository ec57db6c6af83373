// The frame encoding and the L1 payload parser (frame.hpp).
#include <optimist/rollup/frame.hpp>

#include <algorithm>
#include <string>

namespace optimist::rollup {
namespace {

Failure<FrameError> error(FrameErrorKind kind, std::string message) {
    return fail(FrameError{kind, std::string(to_string(kind)) + ": " + std::move(message)});
}

std::uint32_t read_u32_be(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

std::string_view to_string(FrameErrorKind kind) noexcept {
    switch (kind) {
        case FrameErrorKind::empty_payload:
            return "empty payload";
        case FrameErrorKind::unknown_version:
            return "unknown derivation version";
        case FrameErrorKind::no_frames:
            return "payload without frames";
        case FrameErrorKind::truncated_header:
            return "truncated frame header";
        case FrameErrorKind::truncated_data:
            return "truncated frame data";
        case FrameErrorKind::data_too_large:
            return "frame data too large";
        case FrameErrorKind::bad_is_last:
            return "invalid is_last byte";
        case FrameErrorKind::frame_too_small:
            return "maximum frame size too small";
        case FrameErrorKind::too_many_frames:
            return "too many frames for one channel";
    }
    return "unknown frame error";
}

void append_frame(Bytes& out, const Frame& frame) {
    append(out, frame.channel_id);
    out.push_back(static_cast<std::uint8_t>(frame.number >> 8));
    out.push_back(static_cast<std::uint8_t>(frame.number));
    const auto n = static_cast<std::uint32_t>(frame.data.size());
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(n >> shift));
    append(out, frame.data);
    out.push_back(frame.is_last ? 1 : 0);
}

Bytes encode_payload(std::span<const Frame> frames) {
    std::size_t size = 1;
    for (const Frame& f : frames) size += frame_size(f);
    Bytes out;
    out.reserve(size);
    out.push_back(kDerivationVersion0);
    for (const Frame& f : frames) append_frame(out, f);
    return out;
}

Result<std::vector<Frame>, FrameError> parse_payload(ByteView payload) {
    if (payload.empty()) return error(FrameErrorKind::empty_payload, "the L1 payload has no bytes");
    if (payload[0] != kDerivationVersion0) {
        return error(FrameErrorKind::unknown_version, "version " + std::to_string(payload[0]) +
                                                          " is not supported (this node reads version 0)");
    }
    if (payload.size() == 1)
        return error(FrameErrorKind::no_frames, "the L1 payload has a version byte only");

    std::vector<Frame> frames;
    std::size_t pos = 1;
    while (pos < payload.size()) {
        const std::string where =
            "frame " + std::to_string(frames.size()) + " at offset " + std::to_string(pos);
        const std::size_t left = payload.size() - pos;
        if (left < kFrameOverhead) {
            return error(FrameErrorKind::truncated_header, where + ": " + std::to_string(left) +
                                                               " bytes left, a frame takes at least " +
                                                               std::to_string(kFrameOverhead));
        }
        Frame f;
        std::copy_n(payload.data() + pos, ChannelId::size(), f.channel_id.data());
        pos += ChannelId::size();
        f.number = static_cast<std::uint16_t>((payload[pos] << 8) | payload[pos + 1]);
        pos += 2;
        const std::size_t length = read_u32_be(payload.data() + pos);
        pos += 4;
        if (length > kMaxFrameDataSize) {
            return error(FrameErrorKind::data_too_large, where + ": data length " + std::to_string(length) +
                                                             " above the maximum of " +
                                                             std::to_string(kMaxFrameDataSize));
        }
        // The data and the is_last byte must both fit.
        if (payload.size() - pos < length + 1) {
            return error(FrameErrorKind::truncated_data,
                         where + ": data length " + std::to_string(length) + " but only " +
                             std::to_string(payload.size() - pos) + " bytes remain (data and is_last)");
        }
        f.data.assign(payload.begin() + static_cast<std::ptrdiff_t>(pos),
                      payload.begin() + static_cast<std::ptrdiff_t>(pos + length));
        pos += length;
        const std::uint8_t last = payload[pos++];
        if (last > 1) {
            return error(FrameErrorKind::bad_is_last,
                         where + ": is_last is " + std::to_string(last) + ", must be 0 or 1");
        }
        f.is_last = last == 1;
        frames.push_back(std::move(f));
    }
    return frames;
}

Result<std::vector<Frame>, FrameError> split_channel(const ChannelId& id, ByteView channel_data,
                                                     std::size_t max_frame_size) {
    if (max_frame_size <= kFrameOverhead) {
        return error(FrameErrorKind::frame_too_small,
                     "a maximum frame size of " + std::to_string(max_frame_size) +
                         " bytes leaves no room after the " + std::to_string(kFrameOverhead) +
                         "-byte frame overhead");
    }
    const std::size_t per_frame = std::min(max_frame_size - kFrameOverhead, kMaxFrameDataSize);
    const std::size_t count = std::max<std::size_t>(1, (channel_data.size() + per_frame - 1) / per_frame);
    if (count > kMaxFramesPerChannel) {
        return error(FrameErrorKind::too_many_frames, std::to_string(channel_data.size()) + " bytes need " +
                                                          std::to_string(count) + " frames of " +
                                                          std::to_string(per_frame) + " data bytes, above " +
                                                          std::to_string(kMaxFramesPerChannel));
    }
    std::vector<Frame> frames(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t begin = i * per_frame;
        const std::size_t end = std::min(channel_data.size(), begin + per_frame);
        frames[i].channel_id = id;
        frames[i].number = static_cast<std::uint16_t>(i);
        frames[i].data.assign(channel_data.begin() + static_cast<std::ptrdiff_t>(begin),
                              channel_data.begin() + static_cast<std::ptrdiff_t>(end));
        frames[i].is_last = i + 1 == count;
    }
    return frames;
}

}  // namespace optimist::rollup
