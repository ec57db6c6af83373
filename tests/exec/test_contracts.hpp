// Hand-assembled contracts and init codes shared by the random-block tests (the sequential
// executor's and the parallel executor's).
#pragma once

#include "test_util.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/state/in_memory_state.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <vector>

namespace optimist::exec::testing {

// SSTORE(calldata[0..32], calldata[32..64]); return SLOAD of that key.
inline const Bytes kStoreCode = {0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x55, 0x60, 0x00, 0x35,
                                 0x54, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3};
// slot0 += 1; LOG1(topic 0xaa) of the new value.
inline const Bytes kCounterCode = {0x60, 0x00, 0x54, 0x60, 0x01, 0x01, 0x80, 0x60, 0x00, 0x55, 0x60,
                                   0x00, 0x52, 0x60, 0xaa, 0x60, 0x20, 0x60, 0x00, 0xa1, 0x00};
// SSTORE(0, 1); REVERT(0, 0).
inline const Bytes kRevertCode = {0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x00, 0xfd};

// Child init codes, 7 bytes each so a factory pushes them with PUSH7.
// SSTORE(0, 1); SELFDESTRUCT(CALLER): created and destroyed in one transaction (EIP-6780).
inline const Bytes kSelfDestructInit = {0x60, 0x01, 0x60, 0x00, 0x55, 0x33, 0xff};
// SSTORE(2, SLOAD(1)); STOP: deploys empty code, proves slot 1 of a new contract reads zero.
inline const Bytes kCopySlotInit = {0x60, 0x01, 0x54, 0x60, 0x02, 0x55, 0x00};
// SSTORE(3, 7); STOP.
inline const Bytes kStoreSevenInit = {0x60, 0x07, 0x60, 0x03, 0x55, 0x00, 0x00};

inline void put_bytes(Bytes& out, std::initializer_list<std::uint8_t> bytes) {
    for (const std::uint8_t b : bytes) out.push_back(b);
}

// MSTORE the child init code, then CREATE (no salt) or CREATE2 with `salt`; POP; STOP.
inline Bytes factory_code(const Bytes& init, std::optional<std::uint8_t> salt) {
    Bytes code;
    put_bytes(code, {0x66});  // PUSH7
    for (const std::uint8_t b : init) code.push_back(b);
    put_bytes(code, {0x60, 0x00, 0x52});  // MSTORE at 0: the code sits at bytes 25..31
    if (salt) put_bytes(code, {0x60, *salt});
    put_bytes(code, {0x60, 0x07, 0x60, 0x19, 0x60, 0x00, static_cast<std::uint8_t>(salt ? 0xf5 : 0xf0)});
    put_bytes(code, {0x50, 0x00});  // POP STOP
    return code;
}

// Creation transaction data: copies `runtime` out of itself and returns it.
inline Bytes deployer(const Bytes& runtime) {
    const auto n = static_cast<std::uint8_t>(runtime.size());
    Bytes code;
    put_bytes(code, {0x60, n, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, n, 0x60, 0x00, 0xf3});
    for (const std::uint8_t b : runtime) code.push_back(b);
    return code;
}

inline Hash salt_hash(std::uint8_t salt) {
    Hash h;
    h[31] = salt;
    return h;
}

inline void put_account(state::InMemoryState& s, const Address& a, std::uint64_t nonce, const Uint256& balance,
                        Bytes code = {}, std::map<Uint256, Uint256> storage = {}) {
    state::InMemoryState::StoredAccount acc;
    acc.nonce = nonce;
    acc.balance = balance;
    acc.code = std::move(code);
    acc.storage = std::move(storage);
    s.put_account(a, std::move(acc));
}

// The contracts and accounts a random block plays with besides its senders.
struct ContractWorld {
    Address store, counter, reverter, factory;
    Address f_collide, f_destruct, f_store;  // CREATE2 factories, and their children's addresses:
    Address create2_collide;   // EIP-161 empty but with storage: CREATE2 collides (EIP-7610) until a touch deletes it
    Address create2_destruct;  // with balance: created then self-destructed
    Address create2_store;     // with balance: created over it (storage cleared)
    std::vector<Address> others;  // plain recipients: empty, with a little balance, absent, and the CREATE2 targets
};

inline ContractWorld add_contract_world(state::InMemoryState& pre) {
    ContractWorld w;
    w.store = address_of(0x20);
    put_account(pre, w.store, 1, 0, kStoreCode, {{Uint256{1}, Uint256{100}}, {Uint256{2}, Uint256{200}}});
    w.counter = address_of(0x21);
    put_account(pre, w.counter, 1, 0, kCounterCode);
    w.reverter = address_of(0x22);
    put_account(pre, w.reverter, 1, 0, kRevertCode);
    w.factory = address_of(0x23);
    put_account(pre, w.factory, 1, 0, factory_code(kSelfDestructInit, std::nullopt));

    w.f_collide = address_of(0x30);
    put_account(pre, w.f_collide, 1, 0, factory_code(kCopySlotInit, 0x42));
    w.create2_collide = evm::create2_address(w.f_collide, salt_hash(0x42), kCopySlotInit);
    put_account(pre, w.create2_collide, 0, 0, {}, {{Uint256{1}, Uint256{5}}});
    w.f_destruct = address_of(0x31);
    put_account(pre, w.f_destruct, 1, 0, factory_code(kSelfDestructInit, 0x43));
    w.create2_destruct = evm::create2_address(w.f_destruct, salt_hash(0x43), kSelfDestructInit);
    put_account(pre, w.create2_destruct, 0, 1000);
    w.f_store = address_of(0x32);
    put_account(pre, w.f_store, 1, 0, factory_code(kStoreSevenInit, 0x44));
    w.create2_store = evm::create2_address(w.f_store, salt_hash(0x44), kStoreSevenInit);
    put_account(pre, w.create2_store, 0, 500);

    w.others = {address_of(0x40), address_of(0x41), address_of(0x42)};
    put_account(pre, w.others[0], 0, 0);  // empty: a zero-value touch deletes it (EIP-161)
    put_account(pre, w.others[1], 0, 3);
    w.others.push_back(w.create2_collide);
    w.others.push_back(w.create2_destruct);
    w.others.push_back(w.create2_store);
    return w;
}

// The nonce each sender of a random block uses next. A generated transaction either takes
// its sender's nonce or deliberately does not (an invalid one); when the reference executor
// refuses a transaction that took one, the nonce is free again.
class NonceBook {
public:
    explicit NonceBook(std::size_t senders) : next_(senders, 0) {}
    [[nodiscard]] std::uint64_t next(std::size_t sender) const { return next_[sender]; }
    void take(std::size_t sender) {
        ++next_[sender];
        last_ = sender;
        took_ = true;
    }
    void skip() { took_ = false; }
    void refused() {
        if (took_) --next_[last_];
    }

private:
    std::vector<std::uint64_t> next_;
    std::size_t last_ = 0;
    bool took_ = false;
};

}  // namespace optimist::exec::testing
