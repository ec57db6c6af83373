// Random StateView operations as data, so one sequence can be applied to several views (or
// to the reference model in substate_model.hpp) and compared: every write the EVM makes,
// reads that only fill the cache, and snapshots and reverts.
#pragma once

#include <optimist/core/keccak.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_view.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace optimist::state::test {

inline Address account(std::uint8_t n) {
    Address a;
    a[0] = 0xaa;
    a[19] = n;
    return a;
}

inline constexpr std::uint8_t kAccounts = 6;

// Accounts 1-4 exist (2 and 3 with code, 3 and 4 with storage); 5 and 6 do not.
inline InMemoryState make_reader() {
    InMemoryState r;
    r.put_account(account(1), {.nonce = 1, .balance = Uint256{1000}, .code = {}, .storage = {}});
    r.put_account(account(2), {.nonce = 1, .balance = Uint256{0}, .code = {0x60, 0x00, 0x00}, .storage = {}});
    r.put_account(account(3), {.nonce = 2, .balance = Uint256{7}, .code = {0x5f, 0x54},
                               .storage = {{Uint256{1}, Uint256{5}}, {Uint256{2}, Uint256{6}}}});
    r.put_account(account(4), {.nonce = 0, .balance = Uint256{0}, .code = {}, .storage = {{Uint256{3}, Uint256{9}}}});
    return r;
}

enum class OpKind : std::uint8_t {
    read,
    set_balance,
    add_balance,
    sub_balance,
    set_nonce,
    set_code,
    touch,
    create_contract,
    selfdestruct,
    set_storage,
    set_transient,
    access_account,
    access_storage,
    add_log,
    add_refund,
    snapshot,
    revert,
    count
};

struct Op {
    OpKind kind = OpKind::read;
    Address a;
    Address b;
    Uint256 key;
    Uint256 value;
    Bytes code;
    std::uint64_t pick = 0;
};

inline Op random_op(std::mt19937_64& rng) {
    Op op;
    op.kind = static_cast<OpKind>(rng() % static_cast<std::uint64_t>(OpKind::count));
    op.a = account(static_cast<std::uint8_t>(1 + rng() % kAccounts));
    op.b = account(static_cast<std::uint8_t>(1 + rng() % kAccounts));
    op.key = Uint256{rng() % 4};
    // Small values, so writes often restore what was there (committed or earlier).
    static constexpr std::uint64_t kValues[] = {0, 0, 1, 5, 6, 7, 9, 1000};
    op.value = rng() % 8 == 0 ? Uint256{rng(), rng(), rng(), rng()} : Uint256{kValues[rng() % std::size(kValues)]};
    static const Bytes kCodes[] = {{}, {0x60, 0x00, 0x00}, {0x5f, 0x54}, {0xfe}};
    op.code = kCodes[rng() % std::size(kCodes)];
    op.pick = rng();
    return op;
}

// The snapshot stack of one run; reverts go back to a snapshot at or above `floor`, so a
// run can continue from a preloaded view that has none of the earlier ones.
struct Snapshots {
    std::vector<std::size_t> taken;
    std::size_t floor = 0;
};

// Applies `op` to a StateView or to anything with the same interface (the model).
template <typename View>
void apply(View& v, const Op& op, Snapshots& snaps) {
    switch (op.kind) {
        case OpKind::read:
            (void)v.balance(op.a);
            (void)v.storage(op.a, op.key);
            (void)v.code(op.a);
            (void)v.exists(op.a);
            break;
        case OpKind::set_balance: v.set_balance(op.a, op.value); break;
        case OpKind::add_balance: v.add_balance(op.a, op.value); break;
        case OpKind::sub_balance: {
            const Uint256 b = v.balance(op.a);
            v.sub_balance(op.a, op.value < b ? op.value : b);
            break;
        }
        case OpKind::set_nonce: v.set_nonce(op.a, op.value.w[0] % 4); break;
        case OpKind::set_code: v.set_code(op.a, op.code); break;
        case OpKind::touch: v.touch(op.a); break;
        case OpKind::create_contract: v.create_contract(op.a); break;
        case OpKind::selfdestruct: v.selfdestruct(op.a, op.b); break;
        case OpKind::set_storage: v.set_storage(op.a, op.key, op.value); break;
        case OpKind::set_transient: v.set_transient_storage(op.a, op.key, op.value); break;
        case OpKind::access_account: (void)v.access_account(op.a); break;
        case OpKind::access_storage: (void)v.access_storage(op.a, op.key); break;
        case OpKind::add_log: v.add_log(Log{op.a, {keccak256(op.code)}, op.code}); break;
        case OpKind::add_refund: v.add_refund(static_cast<std::int64_t>(op.pick % 10000) - 5000); break;
        case OpKind::snapshot: snaps.taken.push_back(v.snapshot()); break;
        case OpKind::revert: {
            if (snaps.taken.size() <= snaps.floor) break;
            const std::size_t i = snaps.floor + op.pick % (snaps.taken.size() - snaps.floor);
            v.revert(snaps.taken[i]);
            snaps.taken.resize(i);
            break;
        }
        case OpKind::count: break;
    }
}

}  // namespace optimist::state::test
