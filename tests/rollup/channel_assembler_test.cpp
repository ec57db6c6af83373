// ChannelAssembler: reassembly in any order and across payloads, duplicates, and every
// rejection, each followed by the assembler carrying on.
#include "test_util.hpp"

#include <optimist/rollup/channel_assembler.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace optimist::rollup {
namespace {

std::vector<Frame> frames_of(const ChannelId& id, ByteView data, std::size_t max_frame_size) {
    auto f = split_channel(id, data, max_frame_size);
    EXPECT_TRUE(f.ok());
    return f.ok() ? *f : std::vector<Frame>{};
}

Bytes payload(const std::vector<Frame>& frames) { return encode_payload(frames); }
Bytes payload(const Frame& f) { return encode_payload(std::span<const Frame>(&f, 1)); }

ChannelId id_of(std::uint8_t b) {
    ChannelId id;
    id.bytes.fill(b);
    return id;
}

void expect_one_rejection(const AssemblerOutput& out, RejectReason reason, std::string_view fragment = {}) {
    ASSERT_EQ(out.rejections.size(), 1U);
    EXPECT_EQ(out.rejections[0].reason, reason) << out.rejections[0].message;
    EXPECT_FALSE(out.rejections[0].message.empty());
    if (!fragment.empty()) {
        EXPECT_NE(out.rejections[0].message.find(fragment), std::string::npos) << out.rejections[0].message;
    }
}

TEST(ChannelAssembler, OnePayloadInOrder) {
    std::mt19937_64 rng(1);
    const Bytes data = test::random_bytes(rng, 1000);
    ChannelAssembler a;
    auto out = a.add_payload(payload(frames_of(id_of(1), data, 123)), 10);
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_TRUE(out.rejections.empty());
    EXPECT_EQ(out.channels[0].id, id_of(1));
    EXPECT_EQ(out.channels[0].data, data);
    EXPECT_EQ(out.channels[0].opened_at, 10U);
    EXPECT_EQ(out.channels[0].completed_at, 10U);
    EXPECT_EQ(a.open_channels(), 0U);
    EXPECT_EQ(a.buffered_bytes(), 0U);
}

TEST(ChannelAssembler, EveryOrderOfFourFrames) {
    std::mt19937_64 rng(2);
    const Bytes data = test::random_bytes(rng, 100);
    std::vector<Frame> frames = frames_of(id_of(2), data, kFrameOverhead + 30);
    ASSERT_EQ(frames.size(), 4U);
    std::vector<std::size_t> order{0, 1, 2, 3};
    do {
        ChannelAssembler a;
        for (std::size_t k = 0; k < order.size(); ++k) {
            auto out = a.add_payload(payload(frames[order[k]]), 100 + k);
            EXPECT_TRUE(out.rejections.empty());
            if (k + 1 < order.size()) {
                EXPECT_TRUE(out.channels.empty());
            } else {
                ASSERT_EQ(out.channels.size(), 1U);
                EXPECT_EQ(out.channels[0].data, data);
                EXPECT_EQ(out.channels[0].opened_at, 100U);
                EXPECT_EQ(out.channels[0].completed_at, 103U);
            }
        }
    } while (std::next_permutation(order.begin(), order.end()));
}

TEST(ChannelAssembler, InterleavedChannelsShuffledAcrossPayloads) {
    std::mt19937_64 rng(3);
    for (int round = 0; round < 50; ++round) {
        std::vector<Bytes> datas;
        std::vector<Frame> all;
        for (std::uint8_t c = 0; c < 4; ++c) {
            datas.push_back(test::random_bytes(rng, rng() % 3000));
            for (Frame& f : frames_of(id_of(c), datas.back(), kFrameOverhead + 1 + rng() % 400))
                all.push_back(f);
        }
        std::shuffle(all.begin(), all.end(), rng);
        // Several frames per payload, and some frames sent twice.
        ChannelAssembler a;
        std::vector<AssembledChannel> done;
        std::size_t duplicates = 0, expected_duplicates = 0;
        for (std::size_t i = 0; i < all.size();) {
            std::vector<Frame> batch;
            for (std::size_t n = 1 + rng() % 4; n > 0 && i < all.size(); --n) batch.push_back(all[i++]);
            if (rng() % 5 == 0) {
                batch.push_back(batch.front());
                ++expected_duplicates;
            }
            auto out = a.add_payload(payload(batch), i / 100);  // well inside the channel timeout
            EXPECT_TRUE(out.rejections.empty());
            duplicates += out.duplicates;
            for (auto& ch : out.channels) done.push_back(std::move(ch));
        }
        ASSERT_EQ(done.size(), 4U);
        EXPECT_EQ(duplicates, expected_duplicates);
        for (const AssembledChannel& ch : done) EXPECT_EQ(ch.data, datas[ch.id[0]]);
        EXPECT_EQ(a.open_channels(), 0U);
        EXPECT_EQ(a.buffered_bytes(), 0U);
    }
}

TEST(ChannelAssembler, DuplicatesAreIgnoredFirstCopyWins) {
    ChannelAssembler a;
    auto out = a.add_payload(payload(Frame{id_of(1), 0, {1, 2}, false}), 1);
    EXPECT_EQ(out.duplicates, 0U);
    out = a.add_payload(payload(Frame{id_of(1), 0, {9, 9, 9}, false}), 1);
    EXPECT_EQ(out.duplicates, 1U);
    EXPECT_TRUE(out.rejections.empty());
    out = a.add_payload(payload(Frame{id_of(1), 1, {3}, true}), 2);
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_EQ(out.channels[0].data, (Bytes{1, 2, 3}));
}

TEST(ChannelAssembler, ARepostedChannelIsNotDeliveredTwice) {
    std::mt19937_64 rng(4);
    const std::vector<Frame> frames = frames_of(id_of(5), test::random_bytes(rng, 500), 100);
    ChannelAssembler a;
    EXPECT_EQ(a.add_payload(payload(frames), 1).channels.size(), 1U);
    auto again = a.add_payload(payload(frames), 2);
    EXPECT_TRUE(again.channels.empty());
    EXPECT_EQ(again.duplicates, frames.size());
    EXPECT_EQ(a.open_channels(), 0U);
}

TEST(ChannelAssembler, ForgetsOldCompletedChannels) {
    AssemblerLimits limits;
    limits.remembered_channels = 2;
    ChannelAssembler a(limits);
    for (std::uint8_t c = 1; c <= 3; ++c) {
        EXPECT_EQ(a.add_payload(payload(Frame{id_of(c), 0, {c}, true}), c).channels.size(), 1U);
    }
    // Channel 1 fell out of the memory of two: the same frame completes a channel again.
    EXPECT_EQ(a.add_payload(payload(Frame{id_of(1), 0, {1}, true}), 4).channels.size(), 1U);
    EXPECT_EQ(a.add_payload(payload(Frame{id_of(3), 0, {3}, true}), 4).duplicates, 1U);
}

TEST(ChannelAssembler, RejectsFramesAfterTheLast) {
    ChannelAssembler a;
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(1), 1, {1}, true}), 1).rejections.empty());
    expect_one_rejection(a.add_payload(payload(Frame{id_of(1), 2, {2}, false}), 1),
                         RejectReason::frame_after_last, "ends at frame 1");
    // The channel goes on and completes.
    auto out = a.add_payload(payload(Frame{id_of(1), 0, {0}, false}), 2);
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_EQ(out.channels[0].data, (Bytes{0, 1}));
}

TEST(ChannelAssembler, RejectsConflictingLastFrames) {
    ChannelAssembler a;
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(1), 3, {3}, false}), 1).rejections.empty());
    // Closing below a frame already received.
    expect_one_rejection(a.add_payload(payload(Frame{id_of(1), 2, {2}, true}), 1),
                         RejectReason::conflicting_last, "frame 3 was already received");
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(1), 4, {4}, true}), 1).rejections.empty());
    // A second closing frame below the first.
    expect_one_rejection(a.add_payload(payload(Frame{id_of(1), 1, {1}, true}), 1),
                         RejectReason::conflicting_last, "frame 4 already closes");
    auto out =
        a.add_payload(payload(std::vector<Frame>{
                          {id_of(1), 0, {0}, false}, {id_of(1), 1, {1}, false}, {id_of(1), 2, {2}, false}}),
                      2);
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_EQ(out.channels[0].data, (Bytes{0, 1, 2, 3, 4}));
}

TEST(ChannelAssembler, DropsOversizedChannels) {
    AssemblerLimits limits;
    limits.max_channel_bytes = 10;
    ChannelAssembler a(limits);
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(1), 0, Bytes(6), false}), 1).rejections.empty());
    EXPECT_EQ(a.buffered_bytes(), 6U);
    expect_one_rejection(a.add_payload(payload(Frame{id_of(1), 1, Bytes(5), true}), 1),
                         RejectReason::channel_too_large, "exceed 10 bytes");
    EXPECT_EQ(a.open_channels(), 0U);
    EXPECT_EQ(a.buffered_bytes(), 0U);
    // Exactly at the limit is fine, and so is a single frame that alone is too large
    // being refused without opening anything.
    EXPECT_EQ(a.add_payload(payload(Frame{id_of(2), 0, Bytes(10), true}), 2).channels.size(), 1U);
    expect_one_rejection(a.add_payload(payload(Frame{id_of(3), 0, Bytes(11), true}), 2),
                         RejectReason::channel_too_large);
    EXPECT_EQ(a.open_channels(), 0U);
}

TEST(ChannelAssembler, TimesOutIncompleteChannels) {
    AssemblerLimits limits;
    limits.channel_timeout = 5;
    ChannelAssembler a(limits);
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(1), 0, {0}, false}), 10).rejections.empty());
    EXPECT_TRUE(a.expire(15).empty());  // 5 blocks later: still in time
    // Completing within the window works for another channel.
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(2), 0, {0}, false}), 12).rejections.empty());
    auto out = a.add_payload(payload(Frame{id_of(2), 1, {1}, true}), 16);
    ASSERT_EQ(out.rejections.size(), 1U);
    EXPECT_EQ(out.rejections[0].reason, RejectReason::channel_timed_out);
    EXPECT_EQ(out.rejections[0].channel, id_of(1));
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_EQ(out.channels[0].id, id_of(2));
    // expire on its own, at a block without payloads.
    EXPECT_TRUE(a.add_payload(payload(Frame{id_of(3), 0, {0}, false}), 20).rejections.empty());
    auto expired = a.expire(26);
    ASSERT_EQ(expired.size(), 1U);
    EXPECT_EQ(expired[0].channel, id_of(3));
    EXPECT_EQ(a.open_channels(), 0U);
    EXPECT_EQ(a.buffered_bytes(), 0U);
}

TEST(ChannelAssembler, EvictsTheOldestChannelWhenFull) {
    AssemblerLimits limits;
    limits.max_open_channels = 3;
    ChannelAssembler a(limits);
    // Ids in descending order so the oldest is not the smallest id.
    for (std::uint8_t c : {9, 5, 7})
        EXPECT_TRUE(a.add_payload(payload(Frame{id_of(c), 0, {c}, false}), 1).rejections.empty());
    auto out = a.add_payload(payload(Frame{id_of(1), 0, {1}, false}), 2);
    ASSERT_EQ(out.rejections.size(), 1U);
    EXPECT_EQ(out.rejections[0].reason, RejectReason::too_many_channels);
    EXPECT_EQ(out.rejections[0].channel, id_of(9));
    EXPECT_EQ(a.open_channels(), 3U);
    EXPECT_EQ(a.buffered_bytes(), 3U);
}

TEST(ChannelAssembler, RejectsMalformedPayloadsAndGoesOn) {
    std::mt19937_64 rng(5);
    const Bytes data = test::random_bytes(rng, 300);
    const std::vector<Frame> frames = frames_of(id_of(1), data, 123);
    ChannelAssembler a;
    const Bytes good = payload(frames);

    Bytes truncated = good;
    truncated.pop_back();
    expect_one_rejection(a.add_payload(truncated, 1), RejectReason::malformed_payload, "truncated");
    EXPECT_EQ(a.open_channels(), 0U);  // nothing of the bad payload was kept

    Bytes bad_version = good;
    bad_version[0] = 1;
    expect_one_rejection(a.add_payload(bad_version, 1), RejectReason::malformed_payload, "version 1");

    Bytes bad_length = good;
    bad_length[1 + 16 + 2] = 0x7f;  // the first frame's length: far past the end
    expect_one_rejection(a.add_payload(bad_length, 1), RejectReason::malformed_payload);
    EXPECT_FALSE(a.add_payload({}, 1).rejections.empty());

    auto out = a.add_payload(good, 2);
    EXPECT_TRUE(out.rejections.empty());
    ASSERT_EQ(out.channels.size(), 1U);
    EXPECT_EQ(out.channels[0].data, data);
}

TEST(ChannelAssembler, EveryReasonHasAMessage) {
    for (int r = 0; r <= static_cast<int>(RejectReason::too_many_channels); ++r) {
        EXPECT_NE(to_string(static_cast<RejectReason>(r)), "unknown rejection");
    }
}

}  // namespace
}  // namespace optimist::rollup
