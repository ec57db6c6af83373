#include "test_util.hpp"

#include <optimist/crypto/hashes.hpp>

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace optimist::crypto {
namespace {

using test::hex_of;

ByteView text(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

// FIPS 180-2, appendix B (and the well-known empty-string digest).
TEST(Sha256, PublishedVectors) {
    EXPECT_EQ(hex_of(sha256(text(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex_of(sha256(text("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex_of(sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex_of(sha256(text(std::string(1000000, 'a')))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The RIPEMD-160 paper (Dobbertin, Bosselaers, Preneel), test vectors.
TEST(Ripemd160, PublishedVectors) {
    ASSERT_TRUE(ripemd160_available());
    EXPECT_EQ(hex_of(ripemd160(text(""))), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(hex_of(ripemd160(text("a"))), "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
    EXPECT_EQ(hex_of(ripemd160(text("abc"))), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    EXPECT_EQ(hex_of(ripemd160(text("message digest"))), "5d0689ef49d2fae572b881b123a85ffa21595f36");
    EXPECT_EQ(hex_of(ripemd160(text("abcdefghijklmnopqrstuvwxyz"))),
              "f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
    EXPECT_EQ(hex_of(ripemd160(text(std::string(1000000, 'a')))), "52783243c1697bdbe16d37f97f68f08325dc1528");
}

// Each thread keeps its own digest context; concurrent use must give the same digests.
TEST(Hashes, ConcurrentUse) {
    const std::string msg = "abc";
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i) {
                if (hex_of(sha256(text(msg))) !=
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") {
                    ++failures[t];
                }
                if (hex_of(ripemd160(text(msg))) != "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc") ++failures[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace optimist::crypto
