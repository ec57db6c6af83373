// Shared helpers for the exec tests: a funded sender over an in-memory pre-state.
#pragma once

#include <optimist/evm/execution.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/tx/transaction.hpp>

namespace optimist::exec::testing {

inline Address address_of(std::uint8_t last) {
    Address a;
    a[19] = last;
    a[0] = 0xaa;
    return a;
}

inline const Address kSender = address_of(0x01);
inline const Address kRecipient = address_of(0x02);
inline const Address kCoinbase = address_of(0xcb);

inline evm::BlockContext block_with_base_fee(std::uint64_t base_fee) {
    evm::BlockContext b;
    b.coinbase = kCoinbase;
    b.number = 1;
    b.timestamp = 1000;
    b.gas_limit = 30'000'000;
    b.base_fee = base_fee;
    b.blob_base_fee = 1;
    b.chain_id = 1;
    return b;
}

inline tx::Transaction transfer(std::uint64_t value, std::uint64_t price) {
    tx::Transaction t;
    t.sender = kSender;
    t.to = kRecipient;
    t.value = value;
    t.gas_limit = 21000;
    t.max_fee_per_gas = price;
    t.max_priority_fee_per_gas = price;
    return t;
}

inline state::InMemoryState funded(const Uint256& balance, std::uint64_t nonce = 0) {
    state::InMemoryState s;
    state::InMemoryState::StoredAccount a;
    a.balance = balance;
    a.nonce = nonce;
    s.put_account(kSender, a);
    return s;
}

}  // namespace optimist::exec::testing
