// EIP-152 test vector 8: 2^32 - 1 rounds, about a minute of CPU even at full speed, so it
// lives outside the fast suite (and outside the sanitizer build, which runs only "fast").
#include "eip152_vectors.hpp"
#include "test_util.hpp"

#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>

namespace optimist::crypto {
namespace {

TEST(Blake2fSlow, Eip152Vector8MaxRounds) {
    const Address blake2f = Address::right_aligned(Bytes{0x09});
    const PrecompileResult r =
        run_precompile(blake2f, test::hex(test::eip152_input("ffffffff", "01")), 0xffffffffULL);
    ASSERT_EQ(r.status, PrecompileStatus::success);
    EXPECT_EQ(r.gas_used, 0xffffffffULL);
    EXPECT_EQ(test::hex_of(r.output),
              "fc59093aafa9ab43daae0e914c57635c5402d8e3d2130eb9b3cc181de7f0ecf9b22bf99a7815ce16419e200e01846e"
              "6b5df8cc77"
              "03041bbceb571de6631d2615");
}

}  // namespace
}  // namespace optimist::crypto
