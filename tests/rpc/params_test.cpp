#include <optimist/core/hex.hpp>
#include <optimist/rpc/params.hpp>

#include <gtest/gtest.h>

namespace optimist::rpc {
namespace {

using nlohmann::json;

template <typename T>
std::string error_of(const Result<T, std::string>& r) {
    return r ? std::string("<ok>") : r.error();
}

TEST(Quantity, AcceptsCanonicalHex) {
    EXPECT_EQ(*parse_quantity("0x0"), Uint256(0));
    EXPECT_EQ(*parse_quantity("0x1a"), Uint256(26));
    EXPECT_EQ(*parse_quantity("0X1A"), Uint256(26));
    EXPECT_EQ(*parse_quantity("0x" + std::string(64, 'f')), Uint256::max());
    EXPECT_EQ(*parse_quantity("0x10000000000000000"), Uint256(0, 1, 0, 0));
    EXPECT_EQ(*parse_quantity_u64("0xffffffffffffffff"), ~0ULL);
    EXPECT_EQ(*parse_quantity_u64(json("0x2a")), 42u);
}

TEST(Quantity, RejectsWithGethMessages) {
    EXPECT_EQ(error_of(parse_quantity("")), "empty hex string");
    EXPECT_EQ(error_of(parse_quantity("12")), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_quantity("x12")), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_quantity("0x")), "hex string \"0x\"");
    EXPECT_EQ(error_of(parse_quantity("0x01")), "hex number with leading zero digits");
    EXPECT_EQ(error_of(parse_quantity("0x00")), "hex number with leading zero digits");
    EXPECT_EQ(error_of(parse_quantity("0x1" + std::string(64, '0'))), "hex number > 256 bits");
    EXPECT_EQ(error_of(parse_quantity("0xg")), "invalid hex string");
    EXPECT_EQ(error_of(parse_quantity("0x1 ")), "invalid hex string");
    EXPECT_EQ(error_of(parse_quantity(" 0x1")), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_quantity_u64("0x10000000000000000")), "hex number > 64 bits");
    EXPECT_EQ(error_of(parse_quantity(json(5))), "cannot unmarshal non-string into quantity");
    EXPECT_EQ(error_of(parse_quantity(json(nullptr))), "cannot unmarshal non-string into quantity");
}

TEST(Data, EvenLengthHexWithPrefix) {
    EXPECT_EQ(*parse_data("0x"), Bytes{});
    EXPECT_EQ(*parse_data(""), Bytes{});  // geth accepts the empty string as empty data
    EXPECT_EQ(*parse_data("0x00aBcD"), (Bytes{0x00, 0xab, 0xcd}));
    EXPECT_EQ(error_of(parse_data("00")), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_data("0x0")), "hex string of odd length");
    EXPECT_EQ(error_of(parse_data("0xzz")), "invalid hex string");
    EXPECT_EQ(error_of(parse_data(json::array())), "cannot unmarshal non-string into data");
}

TEST(Address, ExactlyTwentyBytes) {
    const auto a = parse_address("0x00000000000000000000000000000000000000Ff");
    ASSERT_TRUE(a);
    EXPECT_EQ((*a)[19], 0xff);
    EXPECT_EQ(error_of(parse_address("0x00ff")), "hex string has length 4, want 40 for address");
    EXPECT_EQ(error_of(parse_address("")), "hex string has length 0, want 40 for address");
    EXPECT_EQ(error_of(parse_address(std::string(40, '0'))), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_address("0x" + std::string(39, '0'))), "hex string of odd length");
    EXPECT_EQ(error_of(parse_address("0x" + std::string(40, '0') + "g0")),
              "hex string has length 42, want 40 for address");
    EXPECT_EQ(error_of(parse_address("0x" + std::string(38, '0') + "g0")), "invalid hex string");
    EXPECT_EQ(format_address(*a), "0x00000000000000000000000000000000000000ff");
}

TEST(HashParam, ExactlyThirtyTwoBytes) {
    const std::string text = "0x" + std::string(62, '0') + "0a";
    const auto h = parse_hash(json(text));
    ASSERT_TRUE(h);
    EXPECT_EQ((*h)[31], 0x0a);
    EXPECT_EQ(format_hash(*h), text);
    EXPECT_EQ(error_of(parse_hash("0x" + std::string(40, '0'))),
              "hex string has length 40, want 64 for hash");
}

TEST(Format, Quantities) {
    EXPECT_EQ(format_quantity(std::uint64_t{0}), "0x0");
    EXPECT_EQ(format_quantity(std::uint64_t{26}), "0x1a");
    EXPECT_EQ(format_quantity(~std::uint64_t{0}), "0xffffffffffffffff");
    EXPECT_EQ(format_quantity(Uint256(0)), "0x0");
    EXPECT_EQ(format_quantity(Uint256::max()), "0x" + std::string(64, 'f'));
    EXPECT_EQ(format_data(Bytes{}), "0x");
    EXPECT_EQ(format_data(Bytes{0x01, 0xab}), "0x01ab");
}

TEST(BlockNumber, TagsAndNumbers) {
    using K = BlockId::Kind;
    EXPECT_EQ(*parse_block_number(json("latest")), BlockId::tag(K::latest));
    EXPECT_EQ(*parse_block_number(json("pending")), BlockId::tag(K::pending));
    EXPECT_EQ(*parse_block_number(json("earliest")), BlockId::tag(K::earliest));
    EXPECT_EQ(*parse_block_number(json("safe")), BlockId::tag(K::safe));
    EXPECT_EQ(*parse_block_number(json("finalized")), BlockId::tag(K::finalized));
    EXPECT_EQ(*parse_block_number(json("0x10")), BlockId::at(16));
    EXPECT_EQ(*parse_block_number(json("0x7fffffffffffffff")), BlockId::at(0x7fffffffffffffff));
    EXPECT_EQ(error_of(parse_block_number(json("0x8000000000000000"))), "block number larger than int64");
    EXPECT_EQ(error_of(parse_block_number(json("Latest"))), "hex string without 0x prefix");
    EXPECT_EQ(error_of(parse_block_number(json("0x010"))), "hex number with leading zero digits");
    EXPECT_EQ(error_of(parse_block_number(json(16))), "cannot unmarshal non-string into block number");
    // A hash is not a block number.
    EXPECT_FALSE(parse_block_number(json("0x" + std::string(64, '1'))));
    EXPECT_EQ(to_string(BlockId::at(16)), "0x10");
    EXPECT_EQ(to_string(BlockId::tag(K::safe)), "safe");
}

TEST(BlockId, Eip1898) {
    using K = BlockId::Kind;
    const std::string hash_text = "0x" + std::string(63, '0') + "1";
    const Hash hash = *parse_hash(hash_text);
    EXPECT_EQ(*parse_block_id(json("latest")), BlockId::tag(K::latest));
    EXPECT_EQ(*parse_block_id(json("0x5")), BlockId::at(5));
    EXPECT_EQ(*parse_block_id(json(hash_text)), BlockId::by_hash(hash));
    EXPECT_EQ(*parse_block_id(json({{"blockNumber", "0x5"}})), BlockId::at(5));
    EXPECT_EQ(*parse_block_id(json({{"blockNumber", "safe"}})), BlockId::tag(K::safe));
    EXPECT_EQ(*parse_block_id(json({{"blockHash", hash_text}})), BlockId::by_hash(hash));
    EXPECT_EQ(*parse_block_id(json({{"blockHash", hash_text}, {"requireCanonical", true}})),
              BlockId::by_hash(hash, true));
    EXPECT_EQ(error_of(parse_block_id(json({{"blockHash", hash_text}, {"blockNumber", "0x1"}}))),
              "cannot specify both BlockHash and BlockNumber, choose one or the other");
    EXPECT_EQ(error_of(parse_block_id(json::object())),
              "invalid arguments; neither block nor hash specified");
    EXPECT_EQ(error_of(parse_block_id(json({{"blockHash", hash_text}, {"requireCanonical", "yes"}}))),
              "requireCanonical must be a boolean");
    EXPECT_EQ(error_of(parse_block_id(json({{"blockHash", "0x12"}}))),
              "hex string has length 2, want 64 for hash");
    EXPECT_EQ(error_of(parse_block_id(json("0x" + std::string(64, 'z')))), "invalid hex string");
    EXPECT_EQ(error_of(parse_block_id(json(1))), "cannot unmarshal non-string into block number or hash");
}

TEST(Arguments, ArityAndGethMessages) {
    EXPECT_TRUE(check_arity(json::array({"0x1", "latest"}), 1, 2));
    EXPECT_TRUE(check_arity(json::array({"0x1"}), 1, 2));
    EXPECT_EQ(check_arity(json::array(), 1, 2).error().message, "missing value for required argument 0");
    EXPECT_EQ(check_arity(json::array({nullptr}), 1, 2).error().message,
              "missing value for required argument 0");
    EXPECT_EQ(check_arity(json::array({1, 2, 3}), 1, 2).error().message,
              "too many arguments, want at most 2");
    EXPECT_EQ(check_arity(json::object(), 0, 2).error().message, "non-array args");
    EXPECT_EQ(check_arity(json::array(), 1, 2).error().code, kInvalidParams);
}

TEST(Arguments, RequiredAndOptional) {
    const json params = json::array({"0x0000000000000000000000000000000000000001", "0x01", nullptr});
    const auto address = required_arg(params, 0, &parse_address);
    ASSERT_TRUE(address);
    EXPECT_EQ((*address)[19], 1);
    const auto bad = required_arg(params, 1, &parse_quantity);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kInvalidParams);
    EXPECT_EQ(bad.error().message, "invalid argument 1: hex number with leading zero digits");
    EXPECT_EQ(required_arg(params, 2, &parse_block_id).error().message,
              "missing value for required argument 2");
    EXPECT_EQ(required_arg(params, 5, &parse_block_id).error().message,
              "missing value for required argument 5");
    const auto missing = optional_arg(params, 2, &parse_block_id);
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());
    const auto present = optional_arg(json::array({"pending"}), 0, &parse_block_id);
    ASSERT_TRUE(present);
    EXPECT_EQ(**present, BlockId::tag(BlockId::Kind::pending));
    EXPECT_EQ(invalid_argument(0, "x").message, "invalid argument 0: x");
}

}  // namespace
}  // namespace optimist::rpc
