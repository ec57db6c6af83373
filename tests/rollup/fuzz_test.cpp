// Fuzz-style checks (the sanitizer build runs this file): random and mutated inputs never
// crash decode_batch, the frame parser, the assembler, any decompressor or decode_channel;
// whatever they accept is consistent (batches re-encode to their input, payloads re-encode
// to theirs), and every refusal carries a message.
#include "test_util.hpp"

#include <optimist/rollup/channel.hpp>
#include <optimist/rollup/channel_assembler.hpp>

#include <gtest/gtest.h>

namespace optimist::rollup {
namespace {

// Small enough that a bomb is caught quickly, large enough for every seed below.
constexpr std::size_t kMaxOutput = 1 << 20;

// Inputs that are random bytes half the time and mutations of a valid seed otherwise, so both
// the early checks and the deep paths are reached.
Bytes fuzz_input(std::mt19937_64& rng, const std::vector<Bytes>& seeds) {
    if (rng() % 2 == 0 || seeds.empty()) return test::random_bytes(rng, rng() % 300);
    Bytes b = seeds[rng() % seeds.size()];
    for (std::size_t n = 1 + rng() % 4; n > 0; --n) test::mutate(b, rng);
    return b;
}

std::vector<Bytes> batch_seeds(std::mt19937_64& rng) {
    std::vector<Bytes> seeds;
    for (int i = 0; i < 6; ++i) seeds.push_back(encode_batch(test::random_batch(rng, 1 + i % 3, 2)));
    return seeds;
}

TEST(RollupFuzz, DecodeBatch) {
    std::mt19937_64 rng(1);
    const auto seeds = batch_seeds(rng);
    std::size_t accepted = 0;
    for (std::size_t i = 0, n = test::fuzz_cases(4000); i < n; ++i) {
        Bytes input = fuzz_input(rng, seeds);
        if (rng() % 2 == 0 && !input.empty()) input[0] = kBatchVersion0;
        auto r = decode_batch(input);
        if (r.ok()) {
            ++accepted;
            ASSERT_EQ(encode_batch(*r), input);  // strict: one encoding per batch
        } else {
            ASSERT_FALSE(r.error().message.empty());
        }
    }
    EXPECT_GT(accepted, 0U);  // some mutations land on other valid batches (e.g. a changed tx value)
}

TEST(RollupFuzz, ParsePayload) {
    std::mt19937_64 rng(2);
    std::vector<Bytes> seeds;
    for (int i = 0; i < 6; ++i) {
        auto frames = split_channel(test::random_fixed<16>(rng), test::random_bytes(rng, 200), 60 + 30 * i);
        seeds.push_back(encode_payload(*frames));
    }
    for (std::size_t i = 0, n = test::fuzz_cases(4000); i < n; ++i) {
        Bytes input = fuzz_input(rng, seeds);
        if (rng() % 2 == 0 && !input.empty()) input[0] = kDerivationVersion0;
        auto r = parse_payload(input);
        if (r.ok()) {
            ASSERT_EQ(encode_payload(*r), input);
        } else {
            ASSERT_FALSE(r.error().message.empty());
        }
    }
}

TEST(RollupFuzz, Assembler) {
    std::mt19937_64 rng(3);
    AssemblerLimits limits;
    limits.max_channel_bytes = 2'000;
    limits.max_open_channels = 8;
    limits.channel_timeout = 20;
    ChannelAssembler a(limits);
    // Few channel ids and frame numbers, so frames collide, close and conflict often.
    const ChannelId ids[] = {test::random_fixed<16>(rng), test::random_fixed<16>(rng),
                             test::random_fixed<16>(rng)};
    std::uint64_t block = 0;
    std::size_t completed = 0;
    for (std::size_t i = 0, n = test::fuzz_cases(4000); i < n; ++i) {
        block += rng() % 2;
        Bytes input;
        if (rng() % 4 == 0) {
            input = test::random_bytes(rng, rng() % 100);
        } else {
            std::vector<Frame> frames(1 + rng() % 3);
            for (Frame& f : frames) {
                f.channel_id = rng() % 8 == 0 ? test::random_fixed<16>(rng) : ids[rng() % 3];
                f.number = static_cast<std::uint16_t>(rng() % 6);
                f.data = test::random_bytes(rng, rng() % 600);
                f.is_last = rng() % 4 == 0;
            }
            input = encode_payload(frames);
            if (rng() % 4 == 0) test::mutate(input, rng);
        }
        auto out = a.add_payload(input, block);
        for (const Rejection& r : out.rejections) ASSERT_FALSE(r.message.empty());
        for (const AssembledChannel& ch : out.channels) ASSERT_LE(ch.data.size(), limits.max_channel_bytes);
        completed += out.channels.size();
        ASSERT_LE(a.open_channels(), limits.max_open_channels);
        ASSERT_LE(a.buffered_bytes(), limits.max_open_channels * limits.max_channel_bytes);
    }
    EXPECT_GT(completed, 0U);
}

class DecompressFuzz : public ::testing::TestWithParam<Codec> {};

TEST_P(DecompressFuzz, NeverCrashesNorExceedsTheLimit) {
    std::mt19937_64 rng(4);
    const auto c = make_compressor(GetParam(), 5);
    std::vector<Bytes> seeds;
    for (std::size_t size : {0, 10, 300, 5'000}) {
        Bytes plain(size);
        for (std::size_t i = 0; i < size; ++i)
            plain[i] = static_cast<std::uint8_t>(rng() % 4 == 0 ? rng() : i % 7);
        seeds.push_back(*c->compress(plain));
    }
    seeds.push_back(*c->compress(Bytes(4 * kMaxOutput, 0)));  // a bomb
    for (std::size_t i = 0, n = test::fuzz_cases(3000); i < n; ++i) {
        const Bytes input = fuzz_input(rng, seeds);
        auto r = c->decompress(input, kMaxOutput);
        if (r.ok()) {
            ASSERT_LE(r->size(), kMaxOutput);
        } else {
            ASSERT_FALSE(r.error().message.empty());
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, DecompressFuzz, ::testing::ValuesIn(test::kAllCodecs), test::codec_name);

TEST(RollupFuzz, DecodeChannel) {
    std::mt19937_64 rng(5);
    std::vector<Bytes> seeds;
    for (Codec codec : test::kAllCodecs) {
        for (int i = 0; i < 2; ++i)
            seeds.push_back(*encode_channel(test::random_batch(rng, 2, 2), *make_compressor(codec, 3)));
    }
    BatchLimits limits;
    limits.max_batch_bytes = kMaxOutput;
    for (std::size_t i = 0, n = test::fuzz_cases(3000); i < n; ++i) {
        const Bytes input = fuzz_input(rng, seeds);
        auto r = decode_channel(input, limits);
        if (!r.ok()) {
            ASSERT_FALSE(r.error().message.empty());
        }
    }
}

}  // namespace
}  // namespace optimist::rollup
