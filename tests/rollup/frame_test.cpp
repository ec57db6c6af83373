// Frames and L1 payloads: the exact byte layout, splitting at every boundary, and every
// rejection of the payload parser.
#include "test_util.hpp"

#include <optimist/rollup/frame.hpp>

#include <gtest/gtest.h>

namespace optimist::rollup {
namespace {

using test::fixed;
using test::hex;

const ChannelId kId = fixed<16>("0x0102030405060708090a0b0c0d0e0f10");

void expect_error(const Result<std::vector<Frame>, FrameError>& r, FrameErrorKind kind,
                  std::string_view fragment = {}) {
    ASSERT_FALSE(r.ok()) << "expected " << to_string(kind);
    EXPECT_EQ(r.error().kind, kind) << r.error().message;
    if (!fragment.empty()) {
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    }
}

TEST(Frame, ByteLayout) {
    const Frame f{kId, 0x0102, hex("616263"), true};
    Bytes out;
    append_frame(out, f);
    EXPECT_EQ(out, hex("0102030405060708090a0b0c0d0e0f10"
                       "0102"
                       "00000003"
                       "616263"
                       "01"));
    EXPECT_EQ(frame_size(f), out.size());
    const std::vector<Frame> frames{f, Frame{kId, 7, {}, false}};
    EXPECT_EQ(encode_payload(frames), hex("00"
                                          "0102030405060708090a0b0c0d0e0f10010200000003616263"
                                          "01"
                                          "0102030405060708090a0b0c0d0e0f10000700000000"
                                          "00"));
}

TEST(Frame, PayloadsRoundTrip) {
    std::mt19937_64 rng(1);
    for (int i = 0; i < 200; ++i) {
        std::vector<Frame> frames(1 + rng() % 5);
        for (Frame& f : frames) {
            f.channel_id = test::random_fixed<16>(rng);
            f.number = static_cast<std::uint16_t>(rng());
            f.data = test::random_bytes(rng, rng() % 300);
            f.is_last = rng() % 2 == 0;
        }
        auto parsed = parse_payload(encode_payload(frames));
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_EQ(*parsed, frames);
    }
}

TEST(Frame, SplitsAtEveryBoundary) {
    std::mt19937_64 rng(2);
    const Bytes data = test::random_bytes(rng, 200);
    for (std::size_t size = 0; size <= data.size(); ++size) {
        const ByteView channel = ByteView(data).first(size);
        for (std::size_t max = kFrameOverhead + 1; max <= kFrameOverhead + 40; ++max) {
            auto frames = split_channel(kId, channel, max);
            ASSERT_TRUE(frames.ok()) << frames.error().message;
            const std::size_t per = max - kFrameOverhead;
            ASSERT_EQ(frames->size(), std::max<std::size_t>(1, (size + per - 1) / per));
            Bytes joined;
            for (std::size_t i = 0; i < frames->size(); ++i) {
                const Frame& f = (*frames)[i];
                EXPECT_EQ(f.channel_id, kId);
                EXPECT_EQ(f.number, i);
                EXPECT_LE(frame_size(f), max);
                EXPECT_EQ(f.is_last, i + 1 == frames->size());
                if (i + 1 < frames->size()) {
                    EXPECT_EQ(frame_size(f), max);  // only the last is short
                }
                append(joined, f.data);
            }
            EXPECT_EQ(joined, to_bytes(channel));
        }
    }
}

TEST(Frame, DefaultSizeFitsABlobSizedPayload) {
    std::mt19937_64 rng(3);
    const Bytes data = test::random_bytes(rng, 500'000);
    auto frames = split_channel(kId, data);
    ASSERT_TRUE(frames.ok());
    EXPECT_EQ(frames->size(), 5U);
    for (const Frame& f : *frames) EXPECT_LE(frame_size(f), kDefaultMaxFrameSize);
    // Huge maximum sizes are capped at the parser's frame data limit.
    auto big = split_channel(kId, test::random_bytes(rng, 2'500'000), 10'000'000);
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big->size(), 3U);
    EXPECT_EQ(big->front().data.size(), kMaxFrameDataSize);
}

TEST(Frame, SplitRejectsImpossibleSizes) {
    expect_error(split_channel(kId, Bytes(10), kFrameOverhead), FrameErrorKind::frame_too_small);
    expect_error(split_channel(kId, Bytes(10), 0), FrameErrorKind::frame_too_small);
    EXPECT_TRUE(split_channel(kId, Bytes(kMaxFramesPerChannel), kFrameOverhead + 1).ok());
    expect_error(split_channel(kId, Bytes(kMaxFramesPerChannel + 1), kFrameOverhead + 1),
                 FrameErrorKind::too_many_frames);
}

TEST(Frame, RejectsMalformedPayloads) {
    expect_error(parse_payload({}), FrameErrorKind::empty_payload);
    expect_error(parse_payload(hex("01"
                                   "0102030405060708090a0b0c0d0e0f10000000000000"
                                   "01")),
                 FrameErrorKind::unknown_version, "version 1");
    expect_error(parse_payload(hex("00")), FrameErrorKind::no_frames);
    expect_error(parse_payload(hex("00"
                                   "0102")),
                 FrameErrorKind::truncated_header, "frame 0 at offset 1");
    // A declared length longer than what follows.
    expect_error(parse_payload(hex("00"
                                   "0102030405060708090a0b0c0d0e0f10"
                                   "0000"
                                   "00000004"
                                   "616263"
                                   "01")),
                 FrameErrorKind::truncated_data, "data length 4");
    // Data present but the is_last byte missing.
    expect_error(parse_payload(hex("00"
                                   "0102030405060708090a0b0c0d0e0f10"
                                   "0000"
                                   "00000003"
                                   "616263")),
                 FrameErrorKind::truncated_data);
    // A length above the frame limit, refused before looking for the bytes.
    expect_error(parse_payload(hex("00"
                                   "0102030405060708090a0b0c0d0e0f10"
                                   "0000"
                                   "ffffffff"
                                   "01")),
                 FrameErrorKind::data_too_large);
    expect_error(parse_payload(hex("00"
                                   "0102030405060708090a0b0c0d0e0f10"
                                   "0000"
                                   "00000000"
                                   "02")),
                 FrameErrorKind::bad_is_last, "is_last is 2");
    // A good frame followed by a truncated one: the whole payload is refused.
    expect_error(parse_payload(hex("00"
                                   "0102030405060708090a0b0c0d0e0f10"
                                   "0000"
                                   "00000000"
                                   "01"
                                   "aa")),
                 FrameErrorKind::truncated_header, "frame 1 at offset 24");
}

TEST(Frame, EveryPrefixIsRefusedOrAShorterFrameList) {
    std::vector<Frame> frames{{kId, 0, hex("aabbcc"), false}, {kId, 1, hex("dd"), true}};
    const Bytes payload = encode_payload(frames);
    for (std::size_t n = 0; n < payload.size(); ++n) {
        auto r = parse_payload(ByteView(payload).first(n));
        const bool first_frame_boundary = n == 1 + frame_size(frames[0]);
        EXPECT_EQ(r.ok(), first_frame_boundary) << n;
        if (r.ok()) {
            EXPECT_EQ(r->size(), 1U);
        }
    }
}

TEST(Frame, EveryKindHasAMessage) {
    for (int k = 0; k <= static_cast<int>(FrameErrorKind::too_many_frames); ++k) {
        EXPECT_NE(to_string(static_cast<FrameErrorKind>(k)), "unknown frame error");
    }
}

}  // namespace
}  // namespace optimist::rollup
