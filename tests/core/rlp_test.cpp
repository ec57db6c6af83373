#include "rlp_tree.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/rlp.hpp>

#include <gtest/gtest.h>

namespace optimist::rlp {
namespace {

Bytes h(std::string_view hex) { return *from_hex(hex); }

TEST(RlpEncode, StringsFollowTheThreeForms) {
    EXPECT_EQ(encode_bytes(Bytes{}), h("80"));
    EXPECT_EQ(encode_bytes(Bytes{0x00}), h("00"));
    EXPECT_EQ(encode_bytes(Bytes{0x7f}), h("7f"));
    EXPECT_EQ(encode_bytes(Bytes{0x80}), h("8180"));
    const Bytes s55(55, 0xaa), s56(56, 0xaa);
    EXPECT_EQ(encode_bytes(s55).front(), 0xb7);
    EXPECT_EQ(encode_bytes(s55).size(), 56u);
    const Bytes e56 = encode_bytes(s56);
    EXPECT_EQ(Bytes(e56.begin(), e56.begin() + 2), h("b838"));
    EXPECT_EQ(e56.size(), 58u);
    const Bytes e1024 = encode_bytes(Bytes(1024, 1));
    EXPECT_EQ(Bytes(e1024.begin(), e1024.begin() + 3), h("b90400"));
    EXPECT_EQ(e1024.size(), 1027u);
}

TEST(RlpEncode, IntegersAreMinimalBigEndian) {
    EXPECT_EQ(encode_uint(Uint256(0)), h("80"));
    EXPECT_EQ(encode_uint(Uint256(1)), h("01"));
    EXPECT_EQ(encode_uint(Uint256(127)), h("7f"));
    EXPECT_EQ(encode_uint(Uint256(128)), h("8180"));
    EXPECT_EQ(encode_uint(Uint256(1000)), h("8203e8"));
    EXPECT_EQ(encode_uint(Uint256(0, 1, 0, 0)), h("89010000000000000000"));
    Encoder e;
    e.add_uint(std::uint64_t{0xffffffffffffffff});
    EXPECT_EQ(e.bytes(), h("88ffffffffffffffff"));
}

TEST(RlpEncode, NestedListsWithEncoder) {
    // [ [], [[]], [ [], [[]] ] ]
    Encoder e;
    auto outer = e.begin_list();
    e.end_list(e.begin_list());
    auto l2 = e.begin_list();
    e.end_list(e.begin_list());
    e.end_list(l2);
    auto l3 = e.begin_list();
    e.end_list(e.begin_list());
    auto l31 = e.begin_list();
    e.end_list(e.begin_list());
    e.end_list(l31);
    e.end_list(l3);
    e.end_list(outer);
    EXPECT_EQ(e.bytes(), h("c7c0c1c0c3c0c1c0"));
}

TEST(RlpEncode, LongListHeader) {
    std::vector<Bytes> items(20, encode_bytes(h("aabbcc")));  // 20 * 4 = 80 bytes
    const Bytes out = encode_list(items);
    EXPECT_EQ(out[0], 0xf8);
    EXPECT_EQ(out[1], 80);
    EXPECT_EQ(out.size(), 82u);
}

TEST(RlpDecode, ScalarsAndStrings) {
    const Bytes enc = h("8203e8");
    auto item = decode(enc);
    ASSERT_TRUE(item);
    EXPECT_FALSE(item->is_list);
    EXPECT_EQ(*decode_uint64(*item), 1000u);
    EXPECT_EQ(*decode_uint256(*item), Uint256(1000));

    const Bytes single = h("05");
    EXPECT_EQ(*decode_uint64(*decode(single)), 5u);
    const Bytes empty = h("80");
    EXPECT_EQ(*decode_uint64(*decode(empty)), 0u);
}

TEST(RlpDecode, RejectsNonCanonicalIntegers) {
    const Bytes leading_zero = h("820001");
    EXPECT_EQ(decode_uint64(*decode(leading_zero)).error(), RlpError::leading_zero_in_integer);
    const Bytes nine = h("89010000000000000000");
    EXPECT_EQ(decode_uint64(*decode(nine)).error(), RlpError::integer_overflow);
    Bytes thirty_three = h("a1");
    thirty_three.resize(34, 1);
    EXPECT_EQ(decode_uint256(*decode(thirty_three)).error(), RlpError::integer_overflow);
    const Bytes list = h("c0");
    EXPECT_EQ(decode_uint64(*decode(list)).error(), RlpError::expected_string);
}

TEST(RlpDecode, EachNonCanonicalFormHasItsError) {
    auto err = [](std::string_view hex) {
        const Bytes b = *from_hex(hex);
        auto r = decode(b);
        return r ? std::optional<RlpError>{} : std::optional<RlpError>{r.error()};
    };
    EXPECT_EQ(err(""), RlpError::input_too_short);
    EXPECT_EQ(err("81"), RlpError::input_too_short);
    EXPECT_EQ(err("8100"), RlpError::non_canonical_single_byte);
    EXPECT_EQ(err("817f"), RlpError::non_canonical_single_byte);
    EXPECT_EQ(err("b800"), RlpError::leading_zero_in_length);
    EXPECT_EQ(err("b90040"), RlpError::leading_zero_in_length);
    EXPECT_EQ(err("b801ff"), RlpError::non_canonical_length);
    EXPECT_EQ(err("f803112233"), RlpError::non_canonical_length);
    EXPECT_EQ(err("c5010203"), RlpError::input_too_short);
    EXPECT_EQ(err("bf0f000000000000021111"), RlpError::input_too_short);
    EXPECT_EQ(err("ffffffffffffffffff00"), RlpError::input_too_short);
    EXPECT_EQ(err("0102"), RlpError::trailing_bytes);
    EXPECT_EQ(err("c0c0"), RlpError::trailing_bytes);
    for (auto e : {RlpError::input_too_short, RlpError::wrong_size, RlpError::trailing_bytes})
        EXPECT_FALSE(to_string(e).empty());
}

TEST(RlpDecode, FixedSizeStrings) {
    Encoder e;
    e.add_bytes(Bytes(20, 0x11));
    auto item = decode(e.bytes());
    ASSERT_TRUE(item);
    EXPECT_EQ((*decode_fixed<20>(*item))[0], 0x11);
    EXPECT_EQ(decode_fixed<32>(*item).error(), RlpError::wrong_size);
}

TEST(RlpDecode, DecodeNextWalksAStream) {
    const Bytes stream = h("0183646f67c0");
    ByteView rest = stream;
    auto a = decode_next(rest);
    auto b = decode_next(rest);
    auto c = decode_next(rest);
    ASSERT_TRUE(a && b && c);
    EXPECT_TRUE(rest.empty());
    EXPECT_EQ(to_bytes(b->payload), h("646f67"));
    EXPECT_TRUE(c->is_list);
    EXPECT_EQ(decode_next(rest).error(), RlpError::input_too_short);
}

TEST(RlpDecode, NestedErrorsSurfaceFromDecodeList) {
    // A list whose inner string is non-canonical.
    const Bytes enc = h("c28100");
    auto outer = decode(enc);
    ASSERT_TRUE(outer);
    EXPECT_EQ(decode_list(*outer).error(), RlpError::non_canonical_single_byte);
    EXPECT_EQ(testing::decode_tree(enc).error(), RlpError::non_canonical_single_byte);
}

}  // namespace
}  // namespace optimist::rlp
