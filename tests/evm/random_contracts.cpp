#include "random_contracts.hpp"

#include "evm_test_util.hpp"

#include <algorithm>
#include <random>

namespace optimist::evm::test {

namespace {

constexpr std::size_t kContracts = 4;
constexpr std::uint64_t kInitCodeAt = 1024;  // memory where a caller assembles init code
constexpr std::uint64_t kCreatedAt = 992;    // memory word holding the last created address
const Address kNobody = addr(0xdead);        // never exists before the call

Address contract_address(std::size_t i) { return addr(0xc000 + i); }

// std::uniform_int_distribution is implementation-defined; reduce mt19937_64 (which is not)
// so a seed means the same contracts everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t below(std::uint64_t n) { return engine_() % n; }
    bool chance(unsigned percent) { return below(100) < percent; }
    std::uint64_t next() { return engine_(); }

private:
    std::mt19937_64 engine_;
};

enum class Context { contract, init, runtime };

class Generator {
public:
    explicit Generator(Rng& rng) : rng_(rng) {}

    // Code of contract `self`: it may call contracts after it and create contracts.
    Bytes contract(std::size_t self) {
        Asm a;
        calls_left_ = 3;
        creates_left_ = 2;
        const std::uint64_t n = 4 + rng_.below(24);
        for (std::uint64_t i = 0; i < n; ++i) snippet(a, self, Context::contract);
        terminator(a, self);
        return a;
    }

    // Init code run by a creation from contract `self` (kContracts for the transaction).
    Bytes init_code(std::size_t self) {
        Asm a;
        const int saved_calls = calls_left_;
        calls_left_ = 1;
        const std::uint64_t n = rng_.below(6);
        for (std::uint64_t i = 0; i < n; ++i) snippet(a, self, Context::init);
        calls_left_ = saved_calls;
        const std::uint64_t pick = rng_.below(100);
        if (pick < 65) {
            Bytes runtime = runtime_code();
            if (rng_.chance(4)) runtime.insert(runtime.begin(), 0xef);  // EIP-3541 rejects it
            place(a, runtime, 0);
            a.ret(0, runtime.size());
        } else if (pick < 80) {
            a.revert(offset(), rng_.below(65));
        } else if (pick < 90) {
            a.push(beneficiary(self)).op(op_selfdestruct);
        } else {
            a.op(op_stop);
        }
        return a;
    }

private:
    Bytes runtime_code() {
        Asm a;
        const std::uint64_t n = 1 + rng_.below(4);
        for (std::uint64_t i = 0; i < n; ++i) snippet(a, kContracts, Context::runtime);
        if (rng_.chance(50)) {
            a.ret(offset(), rng_.below(65));
        } else {
            a.op(op_stop);
        }
        return a;
    }

    Uint256 value() {
        switch (rng_.below(8)) {
            case 0: return 0;
            case 1: return rng_.below(4);
            case 2: return rng_.below(256);
            case 3: return Uint256::max();
            case 4: return Uint256{1} << rng_.below(256);
            case 5: return Uint256{rng_.next(), rng_.next(), rng_.next(), rng_.next()};
            case 6: return rng_.below(1 << 16);
            default: return Uint256::max() - Uint256{rng_.below(3)};
        }
    }
    // Small key and value sets, so slots are written, cleared and restored (EIP-2200/3529).
    std::uint64_t key() { return rng_.below(6); }
    Uint256 stored_value() {
        const std::uint64_t p = rng_.below(10);
        return p < 4 ? Uint256{0} : p < 8 ? Uint256{1 + rng_.below(3)} : value();
    }
    std::uint64_t offset() { return rng_.chance(70) ? 32 * rng_.below(12) : rng_.below(400); }

    Address beneficiary(std::size_t self) {
        switch (rng_.below(4)) {
            case 0: return kSender;
            case 1: return kNobody;
            case 2: return contract_address(rng_.below(kContracts));
            default: return self < kContracts ? contract_address(self) : kNobody;
        }
    }

    // Writes `code` into memory at `at`, a word at a time.
    void place(Asm& a, const Bytes& code, std::uint64_t at) {
        for (std::size_t i = 0; i < code.size(); i += 32) {
            std::uint8_t chunk[32] = {};
            std::copy_n(code.begin() + static_cast<std::ptrdiff_t>(i), std::min<std::size_t>(32, code.size() - i),
                        chunk);
            a.mstore(at + i, Uint256::from_be_bytes(ByteView{chunk, 32}));
        }
    }

    // Consumes the word on top of the stack.
    void consume(Asm& a) {
        const std::uint64_t p = rng_.below(10);
        if (p < 5) {
            a.push(offset()).op(op_mstore);
        } else if (p < 8) {
            a.op(op_pop);
        } else {
            a.push(key()).op(op_sstore);
        }
    }

    void arith(Asm& a) {
        static constexpr std::uint8_t kBinary[] = {op_add, op_mul, op_sub, op_div, op_sdiv, op_mod, op_smod,
                                                   op_exp, op_signextend, op_lt, op_gt, op_slt, op_sgt, op_eq,
                                                   op_and, op_or, op_xor, op_byte, op_shl, op_shr, op_sar};
        const std::uint64_t p = rng_.below(10);
        if (p < 7) {
            a.push(value()).push(value()).op(kBinary[rng_.below(std::size(kBinary))]);
        } else if (p < 9) {
            a.push(value()).push(value()).push(value()).op(rng_.chance(50) ? op_addmod : op_mulmod);
        } else {
            a.push(value()).op(rng_.chance(50) ? op_iszero : op_not);
        }
        consume(a);
    }

    Address call_target(std::size_t self) {
        const std::uint64_t p = rng_.below(100);
        // Only contracts after `self` (any, from the transaction's own init code).
        const std::size_t first = self < kContracts ? self + 1 : 0;
        if (p < 60 && first < kContracts) return contract_address(first + rng_.below(kContracts - first));
        if (p < 70) return addr(rng_.chance(50) ? 4 : 2);  // identity, sha256
        if (p < 85) return rng_.chance(50) ? kSender : kNobody;
        return Address{};  // marks "the last created contract"
    }

    void call(Asm& a, std::size_t self) {
        static constexpr std::uint8_t kKinds[] = {op_call, op_call, op_call, op_delegatecall, op_staticcall,
                                                  op_staticcall, op_callcode};
        const std::uint8_t kind = kKinds[rng_.below(std::size(kKinds))];
        a.push(rng_.below(65)).push(offset()).push(rng_.below(65)).push(offset());
        if (kind == op_call || kind == op_callcode) a.push(rng_.chance(50) ? 0 : rng_.below(1000));
        const Address target = call_target(self);
        if (target == Address{}) {
            a.push(kCreatedAt).op(op_mload);
        } else {
            a.push(target);
        }
        const std::uint64_t p = rng_.below(10);
        a.push(p < 5 ? Uint256{0xffffffff} : p < 8 ? Uint256{2000 + rng_.below(60000)} : Uint256{rng_.below(3000)});
        a.op(kind);
        consume(a);
    }

    void create(Asm& a, std::size_t self) {
        const Bytes init = init_code(self);
        place(a, init, kInitCodeAt);
        const std::uint64_t size = rng_.chance(2) ? kMaxInitcodeSize + 1 : init.size();
        const bool create2 = rng_.chance(40);
        if (create2) a.push(rng_.chance(70) ? Uint256{rng_.below(3)} : value());
        a.push(size).push(kInitCodeAt).push(rng_.chance(60) ? 0 : rng_.below(100));
        a.op(create2 ? op_create2 : op_create);
        a.op(op_dup1).push(kCreatedAt).op(op_mstore);
        consume(a);
    }

    void log(Asm& a) {
        const std::uint64_t topics = rng_.below(5);
        for (std::uint64_t t = 0; t < topics; ++t) a.push(value());
        a.push(rng_.below(65)).push(offset()).op(static_cast<std::uint8_t>(op_log0 + topics));
    }

    // for (n = 1..4; n != 0; --n) { body }: a backward jump.
    void loop(Asm& a) {
        a.push(1 + rng_.below(4));
        const std::uint64_t head = a.size();
        a.op(op_jumpdest);
        simple(a);
        a.push(1).op(op_swap1).op(op_sub).op(op_dup1).push(head).op(op_jumpi).op(op_pop);
    }

    // if (cond) skip { body }: a forward jump over a snippet.
    void skip(Asm& a) {
        Asm body;
        simple(body);
        switch (rng_.below(3)) {
            case 0: a.push(rng_.below(2)); break;
            case 1: a.op(op_callvalue); break;
            default: a.push(key()).op(op_sload); break;
        }
        const std::uint64_t dest = a.size() + 3 + 1 + body.size();
        const bool bad = rng_.chance(2);  // a jump into nowhere: an exceptional halt
        const std::uint64_t target = bad ? dest + 1 : dest;
        a.raw(Bytes{static_cast<std::uint8_t>(op_push1 + 1), static_cast<std::uint8_t>(target >> 8),
                    static_cast<std::uint8_t>(target)});
        a.op(op_jumpi).raw(body.bytes()).op(op_jumpdest);
    }

    // Snippets without control flow, calls or creations.
    void simple(Asm& a) {
        switch (rng_.below(8)) {
            case 0: arith(a); break;
            case 1:
                a.push(value()).push(offset()).op(rng_.chance(75) ? op_mstore : op_mstore8);
                break;
            case 2: a.push(offset()).op(op_mload).push(offset()).op(op_mstore); break;
            case 3: a.sstore(key(), stored_value()); break;
            case 4: a.push(key()).op(op_sload).push(1).op(op_add).push(key()).op(op_sstore); break;
            case 5: a.push(stored_value()).push(key()).op(op_tstore); break;
            case 6: a.push(key()).op(op_tload).push(offset()).op(op_mstore); break;
            default: log(a); break;
        }
    }

    void snippet(Asm& a, std::size_t self, Context ctx) {
        const std::uint64_t p = rng_.below(100);
        if (p < 45) {
            simple(a);
        } else if (p < 52) {
            a.push(rng_.below(65)).push(offset()).op(op_keccak256);
            consume(a);
        } else if (p < 64) {
            if (ctx != Context::runtime && calls_left_ > 0) {
                --calls_left_;
                call(a, self);
            } else {
                arith(a);
            }
        } else if (p < 69) {
            if (ctx == Context::contract && creates_left_ > 0) {
                --creates_left_;
                create(a, self);
            } else {
                log(a);
            }
        } else if (p < 75) {
            // RETURNDATACOPY of the whole return data; rarely from offset 1, which fails when
            // there is none (EIP-211).
            a.op(op_returndatasize).push(rng_.chance(5) ? 1 : 0).push(offset()).op(op_returndatacopy);
        } else if (p < 80) {
            static constexpr std::uint8_t kAccountOps[] = {op_balance, op_extcodesize, op_extcodehash};
            a.push(beneficiary(self)).op(kAccountOps[rng_.below(std::size(kAccountOps))]);
            consume(a);
        } else if (p < 84) {
            static constexpr std::uint8_t kContextOps[] = {op_selfbalance, op_callvalue, op_caller, op_address,
                                                           op_gas, op_msize, op_pc, op_returndatasize};
            a.op(kContextOps[rng_.below(std::size(kContextOps))]);
            consume(a);
        } else if (p < 88) {
            a.push(rng_.below(40)).op(op_calldataload);
            consume(a);
        } else if (p < 92) {
            a.push(rng_.below(65)).push(rng_.below(40)).push(offset()).op(op_calldatacopy);
        } else if (p < 96) {
            loop(a);
        } else {
            skip(a);
        }
    }

    void terminator(Asm& a, std::size_t self) {
        const std::uint64_t p = rng_.below(100);
        if (p < 30) {
            a.op(op_stop);
        } else if (p < 60) {
            a.ret(offset(), rng_.below(97));
        } else if (p < 75) {
            a.revert(offset(), rng_.below(65));
        } else if (p < 85) {
            a.push(beneficiary(self)).op(op_selfdestruct);
        } else if (p < 88) {
            a.op(op_invalid);
        }  // else: runs off the end of the code (STOP)
    }

    Rng& rng_;
    int calls_left_ = 0;
    int creates_left_ = 0;
};

}  // namespace

RandomCall make_random_call(std::uint64_t seed) {
    Rng rng(seed * 0x9e3779b97f4a7c15ULL + 1);
    Generator gen(rng);
    RandomCall c;

    c.reader.put_account(kSender, {.nonce = 3, .balance = Uint256{1} << 70, .code = {}, .storage = {}});
    for (std::size_t i = 0; i < kContracts; ++i) {
        state::InMemoryState::StoredAccount acc;
        acc.nonce = 1;
        acc.balance = rng.chance(30) ? Uint256{0} : Uint256{rng.below(1'000'000)};
        acc.code = gen.contract(i);
        for (std::uint64_t k = 0; k < 6; ++k) {
            if (rng.chance(40)) acc.storage[k] = 1 + rng.below(3);
        }
        c.reader.put_account(contract_address(i), std::move(acc));
    }

    c.block.number = 100;
    c.block.timestamp = 1000;
    c.block.gas_limit = 30'000'000;
    c.block.chain_id = 1;
    c.block.base_fee = 7;
    c.block.coinbase = addr(0xc0ffee);
    c.block.prev_randao = 0x1234;
    c.tx.origin = kSender;
    c.tx.gas_price = 10;

    c.msg.sender = kSender;
    c.msg.gas = static_cast<std::int64_t>(100'000 + rng.below(1'900'000));
    c.msg.value = rng.chance(50) ? Uint256{0} : Uint256{rng.below(10'000)};
    if (rng.chance(12)) {
        c.msg.kind = CallKind::create;
        c.msg.input = gen.init_code(kContracts);
    } else {
        c.msg.kind = CallKind::call;
        c.msg.recipient = contract_address(0);
        c.msg.code_address = contract_address(0);
        const std::uint64_t n = rng.below(65);
        for (std::uint64_t i = 0; i < n; ++i) c.msg.input.push_back(static_cast<std::uint8_t>(rng.next()));
    }

    c.warm = {kSender, c.block.coinbase};
    if (c.msg.kind == CallKind::call) c.warm.push_back(c.msg.recipient);
    for (std::uint64_t p = 1; p <= 10; ++p) c.warm.push_back(addr(p));
    return c;
}

}  // namespace optimist::evm::test
