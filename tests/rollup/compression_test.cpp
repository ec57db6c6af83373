// Each codec: round trips, the codec byte, and bounded, strict decompression.
#include "test_util.hpp"

#include <optimist/rollup/compression.hpp>

#include <gtest/gtest.h>

namespace optimist::rollup {
namespace {

class CodecTest : public ::testing::TestWithParam<Codec> {
protected:
    std::unique_ptr<Compressor> c_ = make_compressor(GetParam());
};

// Text-like data that compresses, with some noise so the codecs have work to do.
Bytes compressible(std::mt19937_64& rng, std::size_t size) {
    Bytes b(size);
    for (std::size_t i = 0; i < size; ++i)
        b[i] = rng() % 8 == 0 ? static_cast<std::uint8_t>(rng()) : "rollup"[i % 6];
    return b;
}

Bytes compress_or_fail(const Compressor& c, ByteView in) {
    auto r = c.compress(in);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Bytes{};
}

void expect_error(const Result<Bytes, CodecError>& r, CodecErrorKind kind) {
    ASSERT_FALSE(r.ok()) << "expected " << to_string(kind);
    EXPECT_EQ(r.error().kind, kind) << r.error().message;
    EXPECT_FALSE(r.error().message.empty());
}

TEST_P(CodecTest, RoundTripsAcrossSizes) {
    std::mt19937_64 rng(1);
    for (std::size_t size : {0UL, 1UL, 2UL, 100UL, 4096UL, 65'537UL, 300'000UL}) {
        for (const Bytes& in : {compressible(rng, size), test::random_bytes(rng, size)}) {
            const Bytes packed = compress_or_fail(*c_, in);
            auto out = c_->decompress(packed, size);
            ASSERT_TRUE(out.ok()) << size << ": " << out.error().message;
            EXPECT_EQ(*out, in);
        }
    }
}

TEST_P(CodecTest, EveryLevelRoundTrips) {
    std::mt19937_64 rng(2);
    const Bytes in = compressible(rng, 20'000);
    for (int level = -1; level <= 23; ++level) {
        const auto c = make_compressor(GetParam(), level);
        EXPECT_EQ(c->codec(), GetParam());
        auto out = c->decompress(compress_or_fail(*c, in), in.size());
        ASSERT_TRUE(out.ok()) << "level " << level << ": " << out.error().message;
        EXPECT_EQ(*out, in);
    }
}

TEST_P(CodecTest, CompressesRepetitiveData) {
    const Bytes zeros(100'000, 0);
    EXPECT_LT(compress_or_fail(*c_, zeros).size(), 1'000U);
}

TEST_P(CodecTest, OutputLimitIsExact) {
    std::mt19937_64 rng(3);
    const Bytes in = compressible(rng, 300'000);  // several output-buffer doublings
    const Bytes packed = compress_or_fail(*c_, in);
    EXPECT_TRUE(c_->decompress(packed, in.size()).ok());
    expect_error(c_->decompress(packed, in.size() - 1), CodecErrorKind::output_too_large);
    expect_error(c_->decompress(packed, 0), CodecErrorKind::output_too_large);
}

TEST_P(CodecTest, StopsADecompressionBomb) {
    const Bytes zeros(16'000'000, 0);  // compresses to a few KiB
    const Bytes packed = compress_or_fail(*c_, zeros);
    ASSERT_LT(packed.size(), 100'000U);
    expect_error(c_->decompress(packed, 10'000'000), CodecErrorKind::output_too_large);
}

TEST_P(CodecTest, EveryTruncationFails) {
    std::mt19937_64 rng(4);
    const Bytes packed = compress_or_fail(*c_, compressible(rng, 3'000));
    for (std::size_t n = 0; n < packed.size(); ++n) {
        auto r = c_->decompress(ByteView(packed).first(n), 10'000);
        ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes decoded";
    }
    expect_error(c_->decompress({}, 10'000), CodecErrorKind::truncated);
    expect_error(c_->decompress(ByteView(packed).first(packed.size() - 1), 10'000),
                 CodecErrorKind::truncated);
}

TEST_P(CodecTest, RejectsTrailingBytes) {
    std::mt19937_64 rng(5);
    Bytes packed = compress_or_fail(*c_, compressible(rng, 3'000));
    packed.push_back(0x00);
    expect_error(c_->decompress(packed, 10'000), CodecErrorKind::trailing_data);
    // A second stream after the first is trailing data too: a channel holds exactly one.
    Bytes twice = compress_or_fail(*c_, Bytes(10, 1));
    append(twice, compress_or_fail(*c_, Bytes(10, 2)));
    expect_error(c_->decompress(twice, 10'000), CodecErrorKind::trailing_data);
}

TEST_P(CodecTest, RejectsCorruptHeaders) {
    expect_error(c_->decompress(Bytes(64, 0xff), 10'000), CodecErrorKind::corrupt);
}

TEST_P(CodecTest, CorruptionIsAnErrorOrDifferentBytesNeverACrash) {
    std::mt19937_64 rng(6);
    const Bytes in = compressible(rng, 5'000);
    const Bytes packed = compress_or_fail(*c_, in);
    for (std::size_t i = 0; i < packed.size(); ++i) {
        Bytes bad = packed;
        bad[i] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
        auto r = c_->decompress(bad, 10'000);
        if (!r.ok()) {
            EXPECT_FALSE(r.error().message.empty());
            continue;
        }
        EXPECT_LE(r->size(), 10'000U);
        // zlib and zstd carry checksums: what they accept is the original (a flip in deflate's
        // final padding bits changes nothing). brotli has none and may decode a flipped
        // literal to other bytes, which the batch decoder then refuses.
        if (GetParam() != Codec::brotli) {
            EXPECT_EQ(*r, in) << "flip at byte " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecTest, ::testing::ValuesIn(test::kAllCodecs), test::codec_name);

TEST(Codec, BytesAndNames) {
    EXPECT_EQ(codec_from_byte(0x01), Codec::zlib);
    EXPECT_EQ(codec_from_byte(0x02), Codec::zstd);
    EXPECT_EQ(codec_from_byte(0x03), Codec::brotli);
    EXPECT_EQ(codec_from_byte(0x00), std::nullopt);
    EXPECT_EQ(codec_from_byte(0x04), std::nullopt);
    EXPECT_EQ(codec_from_byte(0xff), std::nullopt);
    EXPECT_EQ(to_string(Codec::zlib), "zlib");
    EXPECT_EQ(to_string(Codec::zstd), "zstd");
    EXPECT_EQ(to_string(Codec::brotli), "brotli");
}

TEST(Codec, LevelsAreClamped) {
    EXPECT_EQ(make_compressor(Codec::zlib, 42)->level(), 9);
    EXPECT_EQ(make_compressor(Codec::zstd, 22)->level(), 19);
    EXPECT_EQ(make_compressor(Codec::brotli, -3)->level(), 0);
    EXPECT_EQ(make_compressor(Codec::zstd)->level(), default_level(Codec::zstd));
    EXPECT_EQ(make_compressor(kDefaultCodec)->codec(), kDefaultCodec);
}

}  // namespace
}  // namespace optimist::rollup
