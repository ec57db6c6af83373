// StateView::serialize / deserialize: a deserialized view continues exactly as the original
// (reverts to snapshots taken before included), the encoding is deterministic and
// canonical, and the decoder takes untrusted bytes (random and mutated inputs fail as values
// or decode canonically into a view that works).
#include "image_mutations.hpp"
#include "random_state_ops.hpp"

#include <optimist/state/byte_codec.hpp>

#include <gtest/gtest.h>

namespace optimist::state::test {
namespace {

using optimist::test_common::fuzz_cases;
using optimist::test::mutated;
using optimist::test::random_bytes;

class StateViewImageTest : public ::testing::Test {
protected:
    // Images of views after random operations, for the decoder tests.
    std::vector<Bytes> corpus(std::size_t views) {
        std::mt19937_64 rng(21);
        std::vector<Bytes> out;
        for (std::size_t i = 0; i < views; ++i) {
            StateView v(reader_);
            Snapshots snaps;
            const std::size_t n = rng() % 60;
            for (std::size_t j = 0; j < n; ++j) apply(v, random_op(rng), snaps);
            out.push_back(v.serialize());
        }
        return out;
    }

    // Whatever a decoded view holds, every operation must work on it.
    void exercise(StateView& v, std::mt19937_64& rng) {
        (void)v.substate();
        (void)v.write_set();
        (void)v.read_set();
        Snapshots snaps;
        for (int i = 0; i < 20; ++i) apply(v, random_op(rng), snaps);
        v.revert(0);
        v.finalize();
        (void)v.write_set();
    }

    InMemoryState reader_ = make_reader();
};

TEST_F(StateViewImageTest, ResumedViewContinuesLikeTheOriginal) {
    std::mt19937_64 rng(20);
    for (int run = 0; run < 300; ++run) {
        std::vector<Op> ops(120);
        for (Op& op : ops) op = random_op(rng);
        const std::size_t k = rng() % ops.size();
        StateView a(reader_);
        Snapshots sa;
        for (std::size_t i = 0; i < k; ++i) apply(a, ops[i], sa);

        const Bytes image = a.serialize();
        auto b = StateView::deserialize(reader_, image);
        ASSERT_TRUE(b.ok()) << b.error();
        EXPECT_EQ(b->serialize(), image);
        // The same later operations, reverts to snapshots from before the image included.
        Snapshots sb = sa;
        for (std::size_t i = k; i < ops.size(); ++i) {
            apply(a, ops[i], sa);
            apply(*b, ops[i], sb);
        }
        ASSERT_EQ(a.serialize(), b->serialize()) << "run " << run;
        ASSERT_EQ(a.substate(), b->substate());
        ASSERT_EQ(a.logs(), b->logs());
        ASSERT_EQ(a.refund(), b->refund());
        a.finalize();
        b->finalize();
        ASSERT_EQ(a.serialize(), b->serialize());
    }
}

TEST_F(StateViewImageTest, EncodingIsDeterministic) {
    // The same changes in a different order of first access give the same view contents,
    // whatever the hash tables' iteration order.
    StateView a(reader_);
    StateView b(reader_);
    for (std::uint8_t n = 1; n <= kAccounts; ++n) {
        a.set_balance(account(n), Uint256{n});
        (void)a.access_account(account(n));
        (void)a.access_storage(account(n), Uint256{n});
        a.set_transient_storage(account(n), Uint256{n}, Uint256{n});
    }
    for (std::uint8_t n = kAccounts; n >= 1; --n) {
        b.set_balance(account(n), Uint256{n});
        (void)b.access_account(account(n));
        (void)b.access_storage(account(n), Uint256{n});
        b.set_transient_storage(account(n), Uint256{n}, Uint256{n});
    }
    a.finalize();  // drops the journal, whose order differs
    b.finalize();
    EXPECT_EQ(a.serialize(), b.serialize());
}

TEST_F(StateViewImageTest, RejectsAnyOtherEncoding) {
    for (const Bytes& image : corpus(10)) {
        for (std::size_t n = 0; n < image.size(); ++n) {
            ASSERT_FALSE(StateView::deserialize(reader_, ByteView{image.data(), n}).ok()) << "prefix " << n;
        }
        Bytes longer = image;
        longer.push_back(0);
        EXPECT_FALSE(StateView::deserialize(reader_, longer).ok());
    }
    Bytes version = corpus(1).front();
    version[0] = 9;
    auto r = StateView::deserialize(reader_, version);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().find("version"), std::string::npos);
}

// Hand-built images: the checks beyond the byte layout.
class HandBuiltImage {
public:
    HandBuiltImage() { w_.u8(1); }
    codec::Writer& w() { return w_; }
    // Empty sections up to (not including) the journal.
    HandBuiltImage& no_state(std::uint32_t logs = 0) {
        for (int i = 0; i < 4; ++i) w_.count(0);  // accounts, warm accounts, warm slots, transient
        w_.count(logs);
        for (std::uint32_t i = 0; i < logs; ++i) {
            w_.fixed(Address{});
            w_.u8(0);
            w_.bytes({});
        }
        w_.i64(0);
        w_.count(0);  // storage reads
        return *this;
    }
    Bytes take() { return std::move(w_).take(); }

private:
    codec::Writer w_;
};

TEST_F(StateViewImageTest, RejectsInconsistentImages) {
    const auto error_of = [&](Bytes b) {
        auto r = StateView::deserialize(reader_, b);
        return r.ok() ? std::string() : r.error();
    };
    {
        HandBuiltImage h;
        h.no_state().w().count(1);
        h.w().u8(0);  // BalanceChange of an account the view does not hold
        h.w().fixed(account(1));
        h.w().word(Uint256{1});
        h.w().u8(0);
        EXPECT_NE(error_of(h.take()).find("journal entry 0"), std::string::npos);
    }
    {
        HandBuiltImage h;
        h.no_state(1).w().count(2);
        h.w().u8(6);  // LogAdded twice, one log
        h.w().u8(6);
        EXPECT_NE(error_of(h.take()).find("journal entry 0"), std::string::npos);
    }
    {
        HandBuiltImage h;
        h.no_state().w().count(1);
        h.w().u8(10);  // no such entry
        EXPECT_NE(error_of(h.take()).find("unknown tag"), std::string::npos);
    }
    {
        HandBuiltImage h;
        h.w().count(0);
        h.w().count(2);  // warm accounts out of order
        h.w().fixed(account(2));
        h.w().fixed(account(1));
        EXPECT_NE(error_of(h.take()).find("order"), std::string::npos);
    }
    {
        HandBuiltImage h;
        for (int i = 0; i < 4; ++i) h.w().count(0);
        h.w().count(1);
        h.w().fixed(Address{});
        h.w().u8(5);  // topics
        for (int t = 0; t < 5; ++t) h.w().fixed(Hash{});
        EXPECT_NE(error_of(h.take()).find("four topics"), std::string::npos);
    }
    {
        HandBuiltImage h;
        h.w().count(1000);  // accounts the input cannot hold
        EXPECT_NE(error_of(h.take()).find("do not fit"), std::string::npos);
    }
    {
        HandBuiltImage h;
        h.no_state();
        h.w().count(0);
        EXPECT_EQ(error_of(h.take()), "") << "the empty view";
    }
}

TEST_F(StateViewImageTest, RandomBytesFailAsValues) {
    std::mt19937_64 rng(22);
    const std::size_t n = fuzz_cases(20000);
    for (std::size_t i = 0; i < n; ++i) {
        Bytes b = random_bytes(rng, 400);
        if (!b.empty() && rng() % 2 == 0) b[0] = 1;
        auto v = StateView::deserialize(reader_, b);
        if (v.ok()) {
            ASSERT_EQ(v->serialize(), b);
            exercise(*v, rng);
        }
    }
}

TEST_F(StateViewImageTest, MutatedImagesDecodeCanonicallyAndWork) {
    const std::vector<Bytes> images = corpus(200);
    std::mt19937_64 rng(23);
    const std::size_t n = fuzz_cases(20000);
    std::size_t decoded = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Bytes b = mutated(rng, images[rng() % images.size()]);
        auto v = StateView::deserialize(reader_, b);
        if (!v.ok()) continue;
        ++decoded;
        ASSERT_EQ(v->serialize(), b) << "accepted a second encoding";
        exercise(*v, rng);
    }
    std::cout << decoded << " of " << n << " mutated images decoded\n";
    EXPECT_GT(decoded, n / 100);
}

}  // namespace
}  // namespace optimist::state::test
