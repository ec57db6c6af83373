// Helpers for the mempool tests: entries built from a sender, nonce and fees, with unique
// hashes and arrival numbers.
#pragma once

#include <optimist/sequencer/mempool.hpp>

#include <cstdint>

namespace optimist::sequencer::testing {

inline Address sender(std::uint8_t n) {
    Address a;
    a[0] = 0x5e;
    a[19] = n;
    return a;
}

class EntryMaker {
public:
    // An EIP-1559 transaction with these caps.
    MempoolEntry dynamic(const Address& from, std::uint64_t nonce, std::uint64_t max_fee, std::uint64_t tip) {
        MempoolEntry e = base(from, nonce);
        e.tx.type = tx::TxType::dynamic_fee;
        e.tx.max_fee_per_gas = max_fee;
        e.tx.max_priority_fee_per_gas = tip;
        return e;
    }

    // A legacy transaction: both caps hold the gas price.
    MempoolEntry legacy(const Address& from, std::uint64_t nonce, std::uint64_t gas_price) {
        MempoolEntry e = base(from, nonce);
        e.tx.type = tx::TxType::legacy;
        e.tx.max_fee_per_gas = gas_price;
        e.tx.max_priority_fee_per_gas = gas_price;
        return e;
    }

private:
    MempoolEntry base(const Address& from, std::uint64_t nonce) {
        MempoolEntry e;
        e.tx.sender = from;
        e.tx.nonce = nonce;
        e.tx.gas_limit = 21000;
        e.arrival = next_++;
        // A unique hash: the arrival number, big-endian, under a marker byte.
        e.hash[0] = 0x7a;
        for (std::size_t i = 0; i < 8; ++i) e.hash[31 - i] = static_cast<std::uint8_t>(e.arrival >> (8 * i));
        e.raw = {0x02, static_cast<std::uint8_t>(e.arrival)};
        return e;
    }

    std::uint64_t next_ = 0;
};

}  // namespace optimist::sequencer::testing
