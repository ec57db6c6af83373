#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/l1/output_oracle_abi.hpp>

#include <gtest/gtest.h>

namespace optimist::l1 {
namespace {

TEST(OutputOracleAbi, SelectorIsTheSignaturesKeccakPrefix) {
    const std::string sig(kProposeSignature);
    const Hash h = keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size()));
    const auto sel = propose_selector();
    EXPECT_EQ(to_hex(ByteView(sel.data(), 4)), to_hex(h.view().first(4)));
    // The selector ethers.js computes (ethers.id(signature).slice(0, 10)), which a deployed
    // contract would dispatch on.
    EXPECT_EQ(to_hex(ByteView(sel.data(), 4)), "0x5f5060e4");
}

TEST(OutputOracleAbi, RoundTripsAndLaysOutWords) {
    ProposeCall call;
    call.output_root.bytes.fill(0xab);
    call.l2_block = 0x0102030405060708ULL;
    const Bytes data = encode_propose_call(call);
    ASSERT_EQ(data.size(), kProposeCalldataSize);
    // The block number is a right-aligned big-endian word.
    EXPECT_EQ(to_hex(ByteView(data).subspan(36)),
              "0x0000000000000000000000000000000000000000000000000102030405060708");
    auto back = decode_propose_call(data);
    ASSERT_TRUE(back) << back.error();
    EXPECT_EQ(*back, call);
}

TEST(OutputOracleAbi, RefusesOtherLayouts) {
    Bytes data = encode_propose_call({Hash{}, 7});
    EXPECT_EQ(decode_propose_call(ByteView(data).first(67)).error(), "calldata is 67 bytes, want 68");
    Bytes longer = data;
    longer.push_back(0);
    EXPECT_FALSE(decode_propose_call(longer));
    Bytes wrong_selector = data;
    wrong_selector[0] ^= 1;
    EXPECT_NE(decode_propose_call(wrong_selector).error().find("unknown function selector"),
              std::string::npos);
    Bytes huge = data;
    huge[36] = 1;  // above 2^64
    EXPECT_EQ(decode_propose_call(huge).error(), "l2BlockNumber does not fit in 64 bits");
    EXPECT_FALSE(decode_propose_call({}));
}

}  // namespace
}  // namespace optimist::l1
