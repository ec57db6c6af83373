// Random adds, removes and prunes against a reference model written the plainest way (a
// vector scanned linearly), comparing every outcome, the contents, pending nonces and the
// block order, and checking the pool's invariants after each step.
#include "../common/fuzz_cases.hpp"
#include "mempool_test_util.hpp"

#include <optimist/sequencer/mempool.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>

namespace optimist::sequencer {
namespace {

using namespace testing;

using optimist::test_common::fuzz_cases;

// Fees stay far below 2^64, so the model computes in plain integers.
struct Ref {
    Address sender;
    std::uint64_t nonce;
    std::uint64_t fee;
    std::uint64_t tip;
    std::uint64_t arrival;
    Hash hash;
};

std::uint64_t low(const Uint256& v) { return v.w[0]; }

class Model {
public:
    explicit Model(const MempoolConfig& c) : c_(c) {}

    struct Outcome {
        std::optional<MempoolError> error;
        std::optional<Hash> replaced;
        std::optional<Hash> evicted;
    };

    Outcome add(const MempoolEntry& e, std::uint64_t account_nonce) {
        const Ref r{e.tx.sender, e.tx.nonce, low(e.tx.max_fee_per_gas), low(e.tx.max_priority_fee_per_gas),
                    e.arrival,   e.hash};
        for (const Ref& x : v_) {
            if (x.hash == r.hash) return {MempoolError::already_known, {}, {}};
        }
        if (r.nonce < account_nonce) return {MempoolError::nonce_too_low, {}, {}};
        if (r.tip < low(c_.min_tip)) return {MempoolError::underpriced, {}, {}};
        if (r.nonce - account_nonce > c_.max_nonce_gap) return {MempoolError::nonce_too_far, {}, {}};
        std::size_t from_sender = 0;
        for (Ref& x : v_) {
            if (x.sender != r.sender) continue;
            ++from_sender;
            if (x.nonce != r.nonce) continue;
            const std::uint64_t pct = 100 + c_.price_bump_percent;
            const bool ok =
                r.fee > x.fee && r.tip > x.tip && r.fee >= x.fee * pct / 100 && r.tip >= x.tip * pct / 100;
            if (!ok) return {MempoolError::replacement_underpriced, {}, {}};
            const Hash old = x.hash;
            x = r;
            return {std::nullopt, old, {}};
        }
        if (from_sender >= c_.max_per_sender) return {MempoolError::sender_full, {}, {}};
        Outcome out;
        if (v_.size() >= c_.max_total) {
            // The cheapest: lowest fee, then newest.
            auto cheapest = std::min_element(v_.begin(), v_.end(), [](const Ref& a, const Ref& b) {
                return a.fee != b.fee ? a.fee < b.fee : a.arrival > b.arrival;
            });
            if (r.fee <= cheapest->fee) return {MempoolError::pool_full, {}, {}};
            out.evicted = cheapest->hash;
            v_.erase(cheapest);
        }
        v_.push_back(r);
        return out;
    }

    void remove(const Hash& h) {
        std::erase_if(v_, [&](const Ref& x) { return x.hash == h; });
    }

    void prune(const std::map<Address, std::uint64_t>& nonces) {
        std::erase_if(v_, [&](const Ref& x) { return x.nonce < nonce_of(nonces, x.sender); });
    }

    std::uint64_t pending_nonce(const Address& s, std::uint64_t n) const {
        while (find(s, n)) ++n;
        return n;
    }

    // Repeatedly the best ready head: highest tip at the base fee, then earliest arrival.
    std::vector<Hash> select(std::uint64_t base_fee, const std::map<Address, std::uint64_t>& nonces,
                             std::size_t max_txs) const {
        std::map<Address, std::uint64_t> next;
        for (const Ref& x : v_) next.emplace(x.sender, nonce_of(nonces, x.sender));
        std::vector<Hash> out;
        while (out.size() < max_txs) {
            const Ref* best = nullptr;
            std::uint64_t best_tip = 0;
            for (const auto& [s, n] : next) {
                const Ref* h = find(s, n);
                if (!h || h->fee < base_fee) continue;
                const std::uint64_t tip = std::min(h->tip, h->fee - base_fee);
                if (!best || tip > best_tip || (tip == best_tip && h->arrival < best->arrival)) {
                    best = h;
                    best_tip = tip;
                }
            }
            if (!best) break;
            out.push_back(best->hash);
            ++next[best->sender];
        }
        return out;
    }

    const std::vector<Ref>& entries() const { return v_; }

    static std::uint64_t nonce_of(const std::map<Address, std::uint64_t>& nonces, const Address& a) {
        const auto it = nonces.find(a);
        return it == nonces.end() ? 0 : it->second;
    }

private:
    const Ref* find(const Address& s, std::uint64_t n) const {
        for (const Ref& x : v_) {
            if (x.sender == s && x.nonce == n) return &x;
        }
        return nullptr;
    }

    MempoolConfig c_;
    std::vector<Ref> v_;
};

void check_invariants(const Mempool& pool, const Model& model, const std::vector<Address>& senders) {
    ASSERT_EQ(pool.size(), model.entries().size());
    std::size_t total = 0;
    for (const Address& s : senders) total += pool.size_for(s);
    EXPECT_EQ(total, pool.size());

    std::set<std::pair<Address, std::uint64_t>> seen;
    std::set<Hash> hashes;
    pool.for_each([&](const MempoolEntry& e) {
        EXPECT_TRUE(seen.emplace(e.tx.sender, e.tx.nonce).second) << "duplicate sender and nonce";
        hashes.insert(e.hash);
        EXPECT_EQ(pool.get(e.hash), &e);
    });
    EXPECT_EQ(seen.size(), pool.size());
    for (const Ref& r : model.entries()) EXPECT_TRUE(hashes.contains(r.hash));
    EXPECT_EQ(pool.entries_by_arrival().size(), pool.size());
}

void run(std::uint64_t seed) {
    SCOPED_TRACE(seed);
    std::mt19937_64 rng(seed);
    auto pick = [&](std::uint64_t n) { return rng() % n; };

    MempoolConfig config;
    config.max_total = 12 + pick(12);
    config.max_per_sender = 3 + pick(5);
    config.max_nonce_gap = 2 + pick(6);
    config.min_tip = pick(3);
    Mempool pool(config);
    Model model(config);
    EntryMaker maker;

    std::vector<Address> senders;
    for (std::uint8_t i = 0; i < 6; ++i) senders.push_back(sender(i));
    std::map<Address, std::uint64_t> account;
    std::vector<MempoolEntry> history;  // everything offered, to re-offer known hashes

    for (int step = 0; step < 300; ++step) {
        SCOPED_TRACE(step);
        const std::uint64_t op = pick(20);
        if (op < 14) {
            const Address& s = senders[pick(senders.size())];
            const std::uint64_t acct = account[s];
            std::uint64_t nonce = acct + pick(config.max_nonce_gap + 3);  // some too far
            if (acct > 0 && pick(8) == 0) nonce = pick(acct);             // too low
            const std::uint64_t fee = 1 + pick(60);
            MempoolEntry e =
                pick(3) == 0 ? maker.legacy(s, nonce, fee) : maker.dynamic(s, nonce, fee, pick(fee + 1));
            if (op == 0 && !history.empty()) e = history[pick(history.size())];  // maybe already known
            history.push_back(e);
            const Model::Outcome want = model.add(e, acct);
            const auto got = pool.add(e, acct);
            ASSERT_EQ(got.ok(), !want.error.has_value());
            if (!got) {
                EXPECT_EQ(got.error(), *want.error);
            } else {
                EXPECT_EQ(got->replaced, want.replaced.has_value());
                if (want.replaced) {
                    EXPECT_EQ(got->replaced_hash, *want.replaced);
                }
                EXPECT_EQ(got->evicted, want.evicted);
            }
        } else if (op < 16) {
            if (model.entries().empty()) continue;
            const Hash h = model.entries()[pick(model.entries().size())].hash;
            EXPECT_TRUE(pool.remove(h));
            model.remove(h);
        } else if (op < 18) {
            // A block: some senders' nonces advance.
            for (const Address& s : senders) {
                if (pick(2)) account[s] += pick(3);
            }
            pool.prune([&](const Address& a) { return Model::nonce_of(account, a); });
            model.prune(account);
            pool.for_each([&](const MempoolEntry& e) { EXPECT_GE(e.tx.nonce, account[e.tx.sender]); });
        } else {
            const std::uint64_t base_fee = pick(40);
            const std::size_t max_txs = 1 + pick(20);
            std::vector<Hash> got;
            for (const MempoolEntry& e : pool.select(
                     base_fee, [&](const Address& a) { return Model::nonce_of(account, a); }, max_txs))
                got.push_back(e.hash);
            EXPECT_EQ(got, model.select(base_fee, account, max_txs));
        }
        for (const Address& s : senders) {
            EXPECT_EQ(pool.pending_nonce(s, account[s]), model.pending_nonce(s, account[s]));
        }
        check_invariants(pool, model, senders);
        if (::testing::Test::HasFailure()) return;
    }
}

TEST(MempoolRandom, MatchesTheReferenceModel) {
    const std::size_t cases = fuzz_cases(60);
    for (std::size_t i = 0; i < cases; ++i) run(0xb00c0000 + i);
}

}  // namespace
}  // namespace optimist::sequencer
