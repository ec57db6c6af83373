// A pre-state and blocks for the step-machine tests: funded senders, hand-assembled contracts
// that reach every kind of step (storage, logs, reverts, nested calls, CREATE/CREATE2,
// SELFDESTRUCT, memory and hashing), and the reference execution (exec::BlockExecutor on
// InMemoryState) that the step machine must agree with.
#pragma once

#include <optimist/exec/block_executor.hpp>
#include <optimist/proof/block_prover.hpp>
#include <optimist/proof/world.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/tx/block.hpp>

#include <initializer_list>
#include <optional>
#include <random>
#include <vector>

namespace optimist::proof::testing {

inline Address addr(std::uint8_t tag, std::uint8_t last) {
    Address a;
    a[0] = tag;
    a[19] = last;
    return a;
}

inline Bytes code_of(std::initializer_list<std::uint8_t> b) { return Bytes(b); }

// SSTORE(calldata[0..32], calldata[32..64]); return SLOAD of that key.
inline const Bytes kStoreCode = {0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x55, 0x60, 0x00, 0x35,
                                 0x54, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3};
// slot0 += 1; LOG1(topic 0xaa) of the new value.
inline const Bytes kCounterCode = {0x60, 0x00, 0x54, 0x60, 0x01, 0x01, 0x80, 0x60, 0x00, 0x55, 0x60,
                                   0x00, 0x52, 0x60, 0xaa, 0x60, 0x20, 0x60, 0x00, 0xa1, 0x00};
// SSTORE(0, 1); REVERT(0, 0).
inline const Bytes kRevertCode = {0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x00, 0xfd};
// TSTORE(1, 5); KECCAK256 of 64 bytes of memory with calldata copied in; MSTORE8; return 32.
inline const Bytes kHashCode = {0x60, 0x05, 0x60, 0x01, 0x5d, 0x36, 0x60, 0x00, 0x60, 0x00, 0x37, 0x60, 0x01, 0x5c,
                                0x60, 0x40, 0x53, 0x60, 0x40, 0x60, 0x00, 0x20, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60,
                                0x00, 0xf3};

// CALL(gas, target, value 0, in 0/0, out 0/32) to `target`; then SSTORE(7, returned word); STOP.
inline Bytes caller_code(const Address& target) {
    Bytes c;
    c.reserve(64);  // one allocation (and no GCC 12 -Warray-bounds false positive)
    for (std::uint8_t b : {0x60, 0x20, 0x60, 0x00, 0x60, 0x00, 0x60, 0x00, 0x60, 0x00, 0x73}) c.push_back(b);
    c.insert(c.end(), target.begin(), target.end());
    c.insert(c.end(), {0x5a, 0xf1, 0x50, 0x60, 0x00, 0x51, 0x60, 0x07, 0x55, 0x00});
    return c;
}

// Child init code: SSTORE(0, 1); SELFDESTRUCT(CALLER) (EIP-6780: created and destroyed).
inline const Bytes kSelfDestructInit = {0x60, 0x01, 0x60, 0x00, 0x55, 0x33, 0xff};
// Child init code: SSTORE(3, 7); STOP.
inline const Bytes kStoreSevenInit = {0x60, 0x07, 0x60, 0x03, 0x55, 0x00, 0x00};

// MSTORE the 7-byte init code, CREATE (or CREATE2 with salt), POP, STOP.
inline Bytes factory_code(const Bytes& init, std::optional<std::uint8_t> salt) {
    Bytes code;
    code.reserve(64);
    code.push_back(0x66);
    code.insert(code.end(), init.begin(), init.end());
    code.insert(code.end(), {0x60, 0x00, 0x52});
    if (salt) code.insert(code.end(), {0x60, *salt});
    code.insert(code.end(), {0x60, 0x07, 0x60, 0x19, 0x60, 0x00, static_cast<std::uint8_t>(salt ? 0xf5 : 0xf0)});
    code.insert(code.end(), {0x50, 0x00});
    return code;
}

// Creation data that deploys `runtime`.
inline Bytes deployer(const Bytes& runtime) {
    const auto n = static_cast<std::uint8_t>(runtime.size());
    Bytes code;
    code.reserve(12 + runtime.size());
    for (std::uint8_t b : {std::uint8_t{0x60}, n, std::uint8_t{0x60}, std::uint8_t{0x0c}, std::uint8_t{0x60}, std::uint8_t{0x00},
                           std::uint8_t{0x39}, std::uint8_t{0x60}, n, std::uint8_t{0x60}, std::uint8_t{0x00}, std::uint8_t{0xf3}})
        code.push_back(b);
    code.insert(code.end(), runtime.begin(), runtime.end());
    return code;
}

inline Bytes word_pair(std::uint64_t a, std::uint64_t b) {
    Bytes out(64, 0);
    for (int i = 0; i < 8; ++i) {
        out[31 - i] = static_cast<std::uint8_t>(a >> (8 * i));
        out[63 - i] = static_cast<std::uint8_t>(b >> (8 * i));
    }
    return out;
}

struct Fixture {
    ChainRules rules;
    state::InMemoryState pre;
    MemoryWorld world;
    tx::BlockHeader parent;
    std::vector<Address> senders;
    Address store = addr(0xc0, 1), counter = addr(0xc0, 2), reverter = addr(0xc0, 3), hasher = addr(0xc0, 4),
            caller = addr(0xc0, 5), factory = addr(0xc0, 6), factory2 = addr(0xc0, 7);
    std::vector<std::uint64_t> nonces;

    Fixture() {
        rules.chain_id = 901;
        rules.gas_limit = 30'000'000;
        rules.fee_recipient = addr(0xfe, 0xcb);
        state::WriteSet genesis;
        auto add = [&](const Address& a, const Uint256& balance, Bytes code, std::map<Uint256, Uint256> storage = {}) {
            state::InMemoryState::StoredAccount s;
            s.balance = balance;
            s.code = code;
            s.storage = storage;
            s.nonce = code.empty() ? 0 : 1;
            pre.put_account(a, s);
            state::AccountWrite w;
            w.address = a;
            w.balance = balance;
            w.nonce = s.nonce;
            w.code = code;
            w.code_changed = !code.empty();
            for (auto& [k, v] : storage) w.storage.push_back({k, v});
            genesis.accounts.push_back(std::move(w));
        };
        for (std::uint8_t i = 1; i <= 8; ++i) {
            senders.push_back(addr(0xee, i));
            add(senders.back(), Uint256{1} << 80, {});
        }
        nonces.assign(senders.size(), 0);
        add(store, 0, kStoreCode, {{Uint256{1}, Uint256{11}}, {Uint256{2}, Uint256{22}}});
        add(counter, 0, kCounterCode, {{Uint256{0}, Uint256{5}}});
        add(reverter, 0, kRevertCode);
        add(hasher, 0, kHashCode);
        add(caller, 0, caller_code(counter));
        add(factory, 0, factory_code(kSelfDestructInit, std::nullopt));
        add(factory2, 0, factory_code(kStoreSevenInit, 0x42));
        std::sort(genesis.accounts.begin(), genesis.accounts.end(),
                  [](const auto& a, const auto& b) { return a.address < b.address; });
        const Hash root = build_state(world, genesis);
        parent = tx::cancun_header();
        parent.number = 7;
        parent.state_root = root;
        parent.gas_limit = rules.gas_limit;
        parent.timestamp = 1000;
        parent.base_fee_per_gas = Uint256{1'000'000'000};
    }

    tx::Transaction call(std::size_t sender, std::optional<Address> to, Bytes data, std::uint64_t value = 0,
                         std::uint64_t gas = 200'000) {
        tx::Transaction t;
        t.type = tx::TxType::dynamic_fee;
        t.chain_id = rules.chain_id;
        t.sender = senders[sender];
        t.nonce = nonces[sender]++;
        t.to = to;
        t.value = value;
        t.data = std::move(data);
        t.gas_limit = gas;
        t.max_fee_per_gas = Uint256{3'000'000'000};
        t.max_priority_fee_per_gas = Uint256{1'000'000'000};
        return t;
    }

    // Every kind of transaction the tests care about, once.
    BlockInputs varied_block() {
        BlockInputs in;
        in.number = parent.number + 1;
        in.timestamp = parent.timestamp + 2;
        in.txs.push_back(call(0, senders[1], {}, 12345, 21000));                 // plain transfer
        in.txs.push_back(call(1, store, word_pair(1, 99)));                      // SSTORE over a value
        in.txs.push_back(call(2, counter, {}));                                  // SLOAD, SSTORE, LOG
        in.txs.push_back(call(3, reverter, {}));                                 // REVERT
        in.txs.push_back(call(4, hasher, word_pair(3, 4)));                      // memory, KECCAK, TSTORE
        in.txs.push_back(call(5, caller, {}));                                   // nested CALL + return data
        in.txs.push_back(call(6, factory, {}));                                  // CREATE + SELFDESTRUCT
        in.txs.push_back(call(7, factory2, {}));                                 // CREATE2
        in.txs.push_back(call(0, std::nullopt, deployer(kCounterCode), 0, 300'000));  // creation tx
        in.txs.push_back(call(1, store, word_pair(2, 0)));                       // SSTORE to zero (refund)
        return in;
    }

    // The reference: exec::BlockExecutor over the in-memory pre-state.
    struct Reference {
        Hash state_root;
        std::vector<tx::Receipt> receipts;
        std::uint64_t gas_used = 0;
    };
    Reference reference(const BlockInputs& in) const {
        const tx::BlockHeader h = tx::child_header_template(parent, tx::header_hash(parent), in.timestamp,
                                                            rules.fee_recipient, rules.gas_limit);
        exec::BlockExecutor executor(pre, exec::block_context(h, rules.chain_id, {}));
        Reference r;
        for (const auto& t : in.txs) {
            auto e = executor.try_apply(t);
            if (e) r.receipts.push_back((*e)->receipt);
        }
        state::InMemoryState post = pre;
        for (const auto& ws : executor.write_sets()) post.apply(ws);
        r.state_root = post.state_root();
        r.gas_used = executor.gas_used();
        return r;
    }
};

}  // namespace optimist::proof::testing
