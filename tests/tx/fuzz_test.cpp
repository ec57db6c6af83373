// Fuzz-style checks of the decoder and validator (the sanitizer build runs this file):
// random and mutated encodings never crash them, every decoded input re-encodes to itself,
// and every rejection carries a kind with a message.
#include "test_util.hpp"

#include <optimist/tx/block.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/intrinsic_gas.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/validation.hpp>

#include <gtest/gtest.h>

namespace optimist::tx {
namespace {

constexpr auto kLastKind = TxValidationError::initcode_too_large;
constexpr auto kLastField = TxField::s;

void mutate(Bytes& data, std::mt19937_64& rng) {
    const int kind = static_cast<int>(rng() % 6);
    if (data.empty() || kind == 0) {
        data.insert(data.begin() + static_cast<std::ptrdiff_t>(data.empty() ? 0 : rng() % data.size()),
                    static_cast<std::uint8_t>(rng()));
    } else if (kind == 1) {
        data[rng() % data.size()] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
    } else if (kind == 2) {
        data[rng() % data.size()] = static_cast<std::uint8_t>(rng());
    } else if (kind == 3) {
        data.resize(rng() % data.size());
    } else if (kind == 4) {
        data.erase(data.begin() + static_cast<std::ptrdiff_t>(rng() % data.size()));
    } else {
        // Header bytes are where RLP breaks most interestingly: hit the first few.
        data[rng() % std::min<std::size_t>(data.size(), 4)] = static_cast<std::uint8_t>(rng());
    }
}

struct Counts {
    std::size_t decoded = 0;
    std::size_t admitted = 0;
};

void check_rejection(const TxRejection& r) {
    ASSERT_LE(static_cast<int>(r.kind), static_cast<int>(kLastKind));
    ASSERT_LE(static_cast<int>(r.field), static_cast<int>(kLastField));
    ASSERT_FALSE(to_string(r).empty());
}

void check_input(const Bytes& input, Counts& counts) {
    TxRules rules;
    rules.chain_id = 1;
    rules.block_gas_limit = 30000000;
    rules.base_fee = Uint256{7};
    auto t = decode_transaction(input);
    if (t) {
        ++counts.decoded;
        ASSERT_EQ(encode_transaction(*t), input);  // strict decoding: one encoding per transaction
        if (auto s = validate_stateless(*t, rules); !s) check_rejection(s.error());
        if (auto s = validate_against_account(*t, {t->nonce, Uint256{1000000}}, 16); !s)
            check_rejection(s.error());
    } else {
        check_rejection(t.error());
    }
    auto admitted = admit_transaction(input, rules);
    if (admitted) {
        ++counts.admitted;
        ASSERT_TRUE(t.ok());
    } else {
        check_rejection(admitted.error());
    }
}

// Valid signed transactions of every type, with small fields so many pass validation.
std::vector<Bytes> seeds(std::mt19937_64& rng) {
    std::vector<Bytes> out;
    for (int i = 0; i < 64; ++i) {
        Transaction t = test::random_unsigned(rng);
        if (t.chain_id) t.chain_id = 1;
        t.max_fee_per_gas = Uint256{7 + rng() % 100};
        if (t.max_priority_fee_per_gas > t.max_fee_per_gas) t.max_priority_fee_per_gas = t.max_fee_per_gas;
        t.data.resize(std::min<std::size_t>(t.data.size(), 40));
        t.gas_limit = intrinsic_gas(t) + rng() % 200000;
        out.push_back(encode_transaction(*sign_transaction(std::move(t), test::random_private_key(rng))));
    }
    return out;
}

TEST(TxFuzz, MutatedTransactionsNeverCrash) {
    std::mt19937_64 rng(2718);
    const std::vector<Bytes> base = seeds(rng);
    Counts counts;
    const std::size_t n = test::fuzz_cases(100000) * 8 / 10;  // with the random ones below: 100,000
    for (std::size_t i = 0; i < n; ++i) {
        Bytes input = base[rng() % base.size()];
        for (std::size_t m = 1 + rng() % 3; m > 0; --m) mutate(input, rng);
        ASSERT_NO_FATAL_FAILURE(check_input(input, counts)) << "case " << i;
    }
    // Unmutated seeds are admitted, so some mutations (of data bytes) must be too.
    for (const Bytes& seed : base) {
        if (seed[0] != static_cast<std::uint8_t>(TxType::blob)) {
            ASSERT_TRUE(admit_transaction(seed, TxRules{}).ok());
        }
    }
    EXPECT_GT(counts.decoded, n / 20);
    EXPECT_GT(counts.admitted, 0U);
}

TEST(TxFuzz, RandomBytesNeverCrash) {
    std::mt19937_64 rng(31415);
    Counts counts;
    const std::size_t n = test::fuzz_cases(100000) * 2 / 10;
    for (std::size_t i = 0; i < n; ++i) {
        Bytes input(rng() % 120);
        for (auto& b : input) b = static_cast<std::uint8_t>(rng());
        // Half of them start like a transaction: a type byte or a list header.
        if (!input.empty() && rng() % 2 == 0)
            input[0] = static_cast<std::uint8_t>(rng() % 2 ? rng() % 5 : 0xc0 + rng() % 64);
        ASSERT_NO_FATAL_FAILURE(check_input(input, counts)) << "case " << i;
    }
}

TEST(TxFuzz, MutatedReceiptsAndBlocksNeverCrash) {
    std::mt19937_64 rng(161);
    Block b;
    b.header = cancun_header();
    for (const Bytes& wire : seeds(rng)) b.transactions.push_back(*decode_transaction(wire));
    b.withdrawals.emplace();
    const Bytes block = encode_block(b);
    const Bytes receipt =
        encode_receipt(make_receipt(TxType::dynamic_fee, true, 5, {Log{{}, {Hash{}}, {1}}}));
    const std::size_t n = test::fuzz_cases(100000) / 20;
    for (std::size_t i = 0; i < n; ++i) {
        Bytes r = receipt;
        mutate(r, rng);
        if (auto d = decode_receipt(r); d) {
            ASSERT_EQ(encode_receipt(*d), r);
        }
        Bytes blk = block;
        mutate(blk, rng);
        if (auto d = decode_block(blk); d) {
            ASSERT_EQ(encode_block(*d), blk);
        } else {
            check_rejection(d.error());
        }
    }
}

}  // namespace
}  // namespace optimist::tx
