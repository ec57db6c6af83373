// ethereum/tests RLPTests: every valid case encodes to its expected bytes and decodes back;
// every invalid case is rejected.
#include "rlp_tree.hpp"

#include <optimist/core/hex.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace optimist::rlp {
namespace {

using nlohmann::json;

json load(const char* relative) {
    std::ifstream in(std::string(OPTIMIST_ETHTESTS_DIR) + "/RLPTests/" + relative);
    if (!in) return json();
    return json::parse(in);
}

// "#123..." in the fixtures is a decimal big integer; RLP encodes it big-endian, minimal.
Bytes decimal_to_bytes(std::string_view digits) {
    Bytes be;  // big-endian magnitude
    for (char c : digits) {
        unsigned carry = static_cast<unsigned>(c - '0');
        for (auto it = be.rbegin(); it != be.rend(); ++it) {
            const unsigned v = *it * 10u + carry;
            *it = static_cast<std::uint8_t>(v & 0xff);
            carry = v >> 8;
        }
        while (carry != 0) {
            be.insert(be.begin(), static_cast<std::uint8_t>(carry & 0xff));
            carry >>= 8;
        }
    }
    return be;
}

void encode_json(Encoder& e, const json& v) {
    if (v.is_array()) {
        const auto mark = e.begin_list();
        for (const auto& item : v) encode_json(e, item);
        e.end_list(mark);
    } else if (v.is_number_unsigned() || v.is_number_integer()) {
        e.add_uint(v.get<std::uint64_t>());
    } else {
        const auto s = v.get<std::string>();
        if (!s.empty() && s[0] == '#') {
            e.add_bytes(decimal_to_bytes(std::string_view(s).substr(1)));
        } else {
            e.add_bytes(ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
        }
    }
}

TEST(RlpConformance, ValidCasesEncodeAndDecode) {
    const json cases = load("rlptest.json");
    if (cases.is_null()) GTEST_SKIP() << "ethtests not unpacked";
    ASSERT_GE(cases.size(), 28u);
    for (const auto& [name, c] : cases.items()) {
        const Bytes expected = *from_hex(c["out"].get<std::string>());
        Encoder e;
        encode_json(e, c["in"]);
        EXPECT_EQ(to_hex(e.bytes()), to_hex(expected)) << name;
        auto tree = testing::decode_tree(expected);
        ASSERT_TRUE(tree) << name << ": " << to_string(tree.error());
        EXPECT_EQ(testing::encode_tree(*tree), expected) << name;
    }
}

TEST(RlpConformance, InvalidCasesAreRejected) {
    const json cases = load("invalidRLPTest.json");
    if (cases.is_null()) GTEST_SKIP() << "ethtests not unpacked";
    ASSERT_GE(cases.size(), 26u);
    for (const auto& [name, c] : cases.items()) {
        ASSERT_EQ(c["in"], "INVALID") << name;
        const Bytes input = *from_hex(c["out"].get<std::string>());
        EXPECT_FALSE(testing::decode_tree(input)) << name << " was accepted";
    }
}

TEST(RlpConformance, RandomValidCasesRoundTrip) {
    const json cases = load("RandomRLPTests/example.json");
    if (cases.is_null()) GTEST_SKIP() << "ethtests not unpacked";
    ASSERT_FALSE(cases.empty());
    for (const auto& [name, c] : cases.items()) {
        ASSERT_EQ(c["in"], "VALID") << name;
        const Bytes input = *from_hex(c["out"].get<std::string>());
        auto tree = testing::decode_tree(input);
        ASSERT_TRUE(tree) << name;
        EXPECT_EQ(testing::encode_tree(*tree), input) << name;
    }
}

}  // namespace
}  // namespace optimist::rlp
