// Reassembling channels from frames (channel_assembler.hpp).
#include <optimist/core/hex.hpp>
#include <optimist/rollup/channel_assembler.hpp>

#include <algorithm>
#include <utility>

namespace optimist::rollup {
namespace {

std::string channel_name(const ChannelId& id) { return "channel " + to_hex(id); }

std::string frame_name(const ChannelId& id, std::uint16_t number) {
    return channel_name(id) + " frame " + std::to_string(number);
}

}  // namespace

std::string_view to_string(RejectReason reason) noexcept {
    switch (reason) {
        case RejectReason::malformed_payload:
            return "malformed payload";
        case RejectReason::frame_after_last:
            return "frame after the last frame";
        case RejectReason::conflicting_last:
            return "conflicting last frame";
        case RejectReason::channel_too_large:
            return "channel too large";
        case RejectReason::channel_timed_out:
            return "channel timed out";
        case RejectReason::too_many_channels:
            return "too many open channels";
    }
    return "unknown rejection";
}

ChannelAssembler::ChannelAssembler(AssemblerLimits limits) : limits_(limits) {}

AssemblerOutput ChannelAssembler::add_payload(ByteView payload, std::uint64_t l1_block) {
    AssemblerOutput out;
    out.rejections = expire(l1_block);
    auto frames = parse_payload(payload);
    if (!frames) {
        out.rejections.push_back(
            {RejectReason::malformed_payload, std::nullopt,
             "L1 payload in block " + std::to_string(l1_block) + " dropped: " + frames.error().message});
        return out;
    }
    for (Frame& f : *frames) add_frame(std::move(f), l1_block, out);
    return out;
}

std::vector<Rejection> ChannelAssembler::expire(std::uint64_t l1_block) {
    std::vector<Rejection> out;
    for (auto it = open_.begin(); it != open_.end();) {
        const auto next = std::next(it);
        // l1_block >= opened_at by add_payload's precondition; the subtraction cannot wrap.
        if (l1_block > it->second.opened_at && l1_block - it->second.opened_at > limits_.channel_timeout) {
            drop(it, RejectReason::channel_timed_out,
                 "opened in L1 block " + std::to_string(it->second.opened_at) +
                     ", still incomplete in block " + std::to_string(l1_block) + " (timeout " +
                     std::to_string(limits_.channel_timeout) + " blocks)",
                 out);
        }
        it = next;
    }
    return out;
}

void ChannelAssembler::add_frame(Frame frame, std::uint64_t l1_block, AssemblerOutput& out) {
    const ChannelId id = frame.channel_id;
    if (completed_.contains(id)) {
        ++out.duplicates;
        return;
    }
    auto it = open_.find(id);
    if (it == open_.end()) {
        if (open_.size() >= limits_.max_open_channels && !open_.empty()) {
            // Evict the channel opened first (lowest sequence), whatever its id.
            auto oldest = std::min_element(open_.begin(), open_.end(), [](const auto& a, const auto& b) {
                return a.second.sequence < b.second.sequence;
            });
            drop(oldest, RejectReason::too_many_channels,
                 "evicted to open " + channel_name(id) + " (at most " +
                     std::to_string(limits_.max_open_channels) + " open channels)",
                 out.rejections);
        }
        OpenChannel fresh;
        fresh.opened_at = l1_block;
        fresh.sequence = next_sequence_++;
        it = open_.emplace(id, std::move(fresh)).first;
    }
    OpenChannel& ch = it->second;

    if (ch.frames.contains(frame.number)) {
        ++out.duplicates;  // the first copy wins
        return;
    }
    if (ch.last && frame.number > *ch.last) {
        out.rejections.push_back({RejectReason::frame_after_last, id,
                                  frame_name(id, frame.number) + " dropped: the channel ends at frame " +
                                      std::to_string(*ch.last)});
        return;
    }
    if (frame.is_last) {
        if (ch.last) {
            out.rejections.push_back({RejectReason::conflicting_last, id,
                                      frame_name(id, frame.number) + " dropped: frame " +
                                          std::to_string(*ch.last) + " already closes the channel"});
            return;
        }
        if (!ch.frames.empty() && ch.frames.rbegin()->first > frame.number) {
            out.rejections.push_back(
                {RejectReason::conflicting_last, id,
                 frame_name(id, frame.number) + " dropped: it closes the channel, but frame " +
                     std::to_string(ch.frames.rbegin()->first) + " was already received"});
            return;
        }
    }
    if (frame.data.size() > limits_.max_channel_bytes - ch.bytes) {
        drop(it, RejectReason::channel_too_large,
             "with " + frame_name(id, frame.number) + " its data would exceed " +
                 std::to_string(limits_.max_channel_bytes) + " bytes",
             out.rejections);
        return;
    }

    ch.bytes += frame.data.size();
    buffered_bytes_ += frame.data.size();
    if (frame.is_last) ch.last = frame.number;
    ch.frames.emplace(frame.number, std::move(frame.data));
    if (!ch.last || ch.frames.size() != std::size_t{*ch.last} + 1) return;

    // Complete: frames 0..last are all present (the map holds no number above last).
    AssembledChannel done{.id = id, .data = {}, .opened_at = ch.opened_at, .completed_at = l1_block};
    done.data.reserve(ch.bytes);
    for (const auto& [number, data] : ch.frames) append(done.data, data);
    buffered_bytes_ -= ch.bytes;
    open_.erase(it);
    remember_completed(id);
    out.channels.push_back(std::move(done));
}

void ChannelAssembler::drop(std::map<ChannelId, OpenChannel>::iterator it, RejectReason reason,
                            std::string why, std::vector<Rejection>& out) {
    out.push_back({reason, it->first, channel_name(it->first) + " dropped: " + std::move(why)});
    buffered_bytes_ -= it->second.bytes;
    open_.erase(it);
}

void ChannelAssembler::remember_completed(const ChannelId& id) {
    if (limits_.remembered_channels == 0) return;
    completed_.insert(id);
    completed_order_.push_back(id);
    while (completed_order_.size() > limits_.remembered_channels) {
        completed_.erase(completed_order_.front());
        completed_order_.pop_front();
    }
}

}  // namespace optimist::rollup
