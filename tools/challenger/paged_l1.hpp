// PagedL1: an l1::L1 that forwards every call to another, splitting games() requests into
// pages the optimist-l1 server accepts (l1::kMaxGamesCount per optimist_l1Games call).
//
// fault::Challenger asks for larger pages than the server serves, which L1RpcClient reports as
// a rejected request; this keeps the challenger working over JSON-RPC without depending on
// its page size. Thread safety: as the wrapped L1's.
#pragma once

#include <optimist/l1/l1.hpp>
#include <optimist/l1/rpc_api.hpp>

#include <algorithm>

namespace optimist::challenger {

class PagedL1 final : public l1::L1 {
public:
    explicit PagedL1(l1::L1& inner) : inner_(inner) {}

    [[nodiscard]] l1::L1Result<std::uint64_t> chain_id() override { return inner_.chain_id(); }
    [[nodiscard]] l1::L1Result<l1::L1Config> config() override { return inner_.config(); }
    [[nodiscard]] l1::L1Result<l1::L1Head> head() override { return inner_.head(); }
    [[nodiscard]] l1::L1Result<std::uint64_t> nonce(const Address& a, l1::NonceView v) override {
        return inner_.nonce(a, v);
    }
    [[nodiscard]] l1::L1Result<Uint256> balance(const Address& a) override { return inner_.balance(a); }
    [[nodiscard]] l1::L1Result<Hash> send_raw_transaction(ByteView wire) override {
        return inner_.send_raw_transaction(wire);
    }
    [[nodiscard]] l1::L1Result<std::optional<l1::L1Receipt>> receipt(const Hash& h) override {
        return inner_.receipt(h);
    }
    [[nodiscard]] l1::L1Result<std::vector<l1::InboxEntry>> batches(std::uint64_t from,
                                                                    std::uint64_t to) override {
        return inner_.batches(from, to);
    }
    [[nodiscard]] l1::L1Result<std::vector<l1::OutputProposal>> outputs(std::uint64_t from,
                                                                        std::uint64_t max) override {
        return inner_.outputs(from, max);
    }
    [[nodiscard]] l1::L1Result<std::vector<l1::DisputeGame>> games(std::uint64_t from_id,
                                                                   std::uint64_t max) override {
        std::vector<l1::DisputeGame> out;
        while (out.size() < max) {
            const std::uint64_t want = std::min<std::uint64_t>(max - out.size(), l1::kMaxGamesCount);
            auto page = inner_.games(from_id + out.size(), want);
            if (!page) return page;
            const std::size_t got = page->size();
            for (auto& g : *page) out.push_back(std::move(g));
            if (got < want) break;
        }
        return out;
    }
    [[nodiscard]] l1::L1Result<std::optional<l1::DisputeGame>> game(std::uint64_t id) override {
        return inner_.game(id);
    }
    [[nodiscard]] l1::L1Result<Uint256> credit(const Address& a) override { return inner_.credit(a); }
    [[nodiscard]] l1::L1Result<l1::L1Head> mine() override { return inner_.mine(); }

private:
    l1::L1& inner_;
};

}  // namespace optimist::challenger
