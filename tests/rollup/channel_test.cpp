// Channels end to end: batch -> compressed channel -> frames -> L1 payloads, shuffled ->
// ChannelAssembler -> decode_channel, for every codec and several sizes; and the channel
// decoder's rejections.
#include "test_util.hpp"

#include <optimist/rollup/channel.hpp>
#include <optimist/rollup/channel_assembler.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace optimist::rollup {
namespace {

class ChannelTest : public ::testing::TestWithParam<Codec> {
protected:
    std::unique_ptr<Compressor> c_ = make_compressor(GetParam());

    Bytes channel(const Batch& b) {
        auto data = encode_channel(b, *c_);
        EXPECT_TRUE(data.ok());
        return data.ok() ? *data : Bytes{};
    }
};

TEST_P(ChannelTest, CodecByteLeads) {
    std::mt19937_64 rng(1);
    const Bytes data = channel(test::random_batch(rng, 2, 2));
    ASSERT_FALSE(data.empty());
    EXPECT_EQ(data[0], static_cast<std::uint8_t>(GetParam()));
}

TEST_P(ChannelTest, RoundTripsThroughFramesInAnyOrder) {
    std::mt19937_64 rng(2);
    const std::pair<std::size_t, std::size_t> shapes[] = {{1, 0}, {1, 3}, {10, 10}, {40, 25}};
    for (const auto& [blocks, txs] : shapes) {
        const Batch batch = test::random_batch(rng, blocks, txs);
        const Bytes data = channel(batch);
        const ChannelId id = channel_id_for(data);
        for (std::size_t max :
             {kFrameOverhead + 1, std::size_t{200}, std::size_t{4'096}, kDefaultMaxFrameSize}) {
            if ((data.size() + max - kFrameOverhead - 1) / (max - kFrameOverhead) > 5'000) continue;
            auto frames = split_channel(id, data, max);
            ASSERT_TRUE(frames.ok());
            std::shuffle(frames->begin(), frames->end(), rng);
            ChannelAssembler a;
            std::vector<AssembledChannel> done;
            for (std::size_t i = 0; i < frames->size(); i += 3) {
                const std::size_t end = std::min(frames->size(), i + 3);
                auto out = a.add_payload(encode_payload(std::span<const Frame>(frames->data() + i, end - i)),
                                         i / 100);
                ASSERT_TRUE(out.rejections.empty());
                for (auto& ch : out.channels) done.push_back(std::move(ch));
            }
            ASSERT_EQ(done.size(), 1U);
            EXPECT_EQ(done[0].id, id);
            auto decoded = decode_channel(done[0].data);
            ASSERT_TRUE(decoded.ok()) << decoded.error().message;
            EXPECT_EQ(*decoded, batch);
        }
    }
}

TEST_P(ChannelTest, DecompressedSizeIsBoundedByTheBatchLimit) {
    std::mt19937_64 rng(3);
    const Batch batch = test::random_batch(rng, 5, 5);
    const Bytes data = channel(batch);
    BatchLimits limits;
    limits.max_batch_bytes = encode_batch(batch).size() - 1;
    auto r = decode_channel(data, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, BatchErrorKind::decompression_failed);
    EXPECT_NE(r.error().message.find("above the limit"), std::string::npos) << r.error().message;
    limits.max_batch_bytes += 1;
    EXPECT_TRUE(decode_channel(data, limits).ok());
}

TEST_P(ChannelTest, CorruptDataIsRefused) {
    std::mt19937_64 rng(4);
    Bytes data = channel(test::random_batch(rng, 3, 3));
    data.resize(data.size() / 2);
    auto r = decode_channel(data);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, BatchErrorKind::decompression_failed);
    EXPECT_NE(r.error().message.find(to_string(GetParam())), std::string::npos) << r.error().message;
}

TEST_P(ChannelTest, AValidStreamOfABadBatchFailsAsTheBatch) {
    Batch b;
    b.blocks.push_back({3, 1, {}});
    b.blocks.push_back({5, 2, {}});  // not contiguous: encode_batch does not check
    auto r = decode_channel(channel(b));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, BatchErrorKind::non_contiguous_numbers);
}

INSTANTIATE_TEST_SUITE_P(Codecs, ChannelTest, ::testing::ValuesIn(test::kAllCodecs), test::codec_name);

TEST(Channel, ChannelsOfOtherCodecsStayReadable) {
    std::mt19937_64 rng(5);
    const Batch batch = test::random_batch(rng, 4, 4);
    for (Codec codec : test::kAllCodecs) {
        auto data = encode_channel(batch, *make_compressor(codec, 1));
        ASSERT_TRUE(data.ok());
        auto decoded = decode_channel(*data);
        ASSERT_TRUE(decoded.ok()) << decoded.error().message;
        EXPECT_EQ(*decoded, batch);
    }
}

TEST(Channel, RejectsMissingAndUnknownCodecs) {
    for (const Bytes& data : {Bytes{}, Bytes{0x00, 0x01}, Bytes{0x04}, Bytes{0xff, 0x00}}) {
        auto r = decode_channel(data);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().kind, BatchErrorKind::decompression_failed);
        EXPECT_NE(r.error().message.find("channel: "), std::string::npos);
    }
    EXPECT_NE(decode_channel(Bytes{0x07}).error().message.find("unknown codec byte 7"), std::string::npos);
}

TEST(Channel, IdsFollowTheContent) {
    const Bytes a{1, 2, 3};
    const Bytes b{1, 2, 4};
    EXPECT_EQ(channel_id_for(a), channel_id_for(a));
    EXPECT_NE(channel_id_for(a), channel_id_for(b));
    // The first 16 bytes of keccak256("") (c5d2460186f7233c927e7db2dcc703c0...).
    EXPECT_EQ(channel_id_for({}), test::fixed<16>("0xc5d2460186f7233c927e7db2dcc703c0"));
}

}  // namespace
}  // namespace optimist::rollup
