// Helpers for the EVM tests: a map-based StateReader, a tiny bytecode assembler and a
// host that runs one message against a fresh StateView.
#pragma once

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/state_view.hpp>

#include <map>
#include <memory>
#include <string_view>

namespace optimist::evm::test {

using namespace optimist::literals;

class MapReader final : public state::StateReader {
public:
    struct Entry {
        std::uint64_t nonce = 0;
        Uint256 balance;
        Bytes code;
        std::map<Uint256, Uint256> storage;
    };

    std::optional<state::Account> read_account(const Address& a) const override {
        auto it = accounts_.find(a);
        if (it == accounts_.end()) return std::nullopt;
        state::Account acc;
        acc.nonce = it->second.nonce;
        acc.balance = it->second.balance;
        if (!it->second.code.empty()) acc.code_hash = keccak256(it->second.code);
        // Any non-empty root marks committed storage; the EVM never looks inside it.
        if (!it->second.storage.empty()) acc.storage_root = keccak256(Bytes{1});
        return acc;
    }
    Uint256 read_storage(const Address& a, const Uint256& key) const override {
        auto it = accounts_.find(a);
        if (it == accounts_.end()) return {};
        auto s = it->second.storage.find(key);
        return s == it->second.storage.end() ? Uint256{} : s->second;
    }
    Bytes read_code(const Hash& h) const override {
        for (const auto& [a, e] : accounts_) {
            if (!e.code.empty() && keccak256(e.code) == h) return e.code;
        }
        return {};
    }

    Entry& operator[](const Address& a) { return accounts_[a]; }

private:
    std::map<Address, Entry> accounts_;
};

inline Address addr(std::uint64_t v) {
    Address a;
    for (int i = 0; i < 8; ++i) a[19 - static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    return a;
}

inline Address addr_hex(std::string_view hex) { return *fixed_from_hex<20>(hex); }
inline Bytes bytes_hex(std::string_view hex) { return *from_hex(hex); }

// A bytecode builder: Asm{}.push(1).push(2).op(op_add) ...
class Asm {
public:
    Asm& op(std::uint8_t o) {
        code_.push_back(o);
        return *this;
    }
    Asm& push(const Uint256& v) {
        if (v.is_zero()) return op(op_push0);
        Hash h;
        v.to_be_bytes(h.data());
        std::size_t first = 0;
        while (h[first] == 0) ++first;
        code_.push_back(static_cast<std::uint8_t>(op_push1 + (31 - first)));
        code_.insert(code_.end(), h.begin() + static_cast<std::ptrdiff_t>(first), h.end());
        return *this;
    }
    Asm& push(const Address& a) {
        code_.push_back(static_cast<std::uint8_t>(op_push1 + 19));
        code_.insert(code_.end(), a.begin(), a.end());
        return *this;
    }
    Asm& raw(ByteView b) {
        code_.insert(code_.end(), b.begin(), b.end());
        return *this;
    }
    // MSTORE(offset, value)
    Asm& mstore(std::uint64_t offset, const Uint256& value) { return push(value).push(offset).op(op_mstore); }
    Asm& sstore(const Uint256& key, const Uint256& value) { return push(value).push(key).op(op_sstore); }
    // RETURN(offset, size)
    Asm& ret(std::uint64_t offset, std::uint64_t size) { return push(size).push(offset).op(op_return); }
    // Stores the top of the stack at 0 and returns it.
    Asm& ret_top() { return push(0).op(op_mstore).ret(0, 32); }
    Asm& revert(std::uint64_t offset, std::uint64_t size) { return push(size).push(offset).op(op_revert); }
    // CALL(gas, to, value, in_off, in_size, out_off, out_size)
    Asm& call(std::uint8_t kind, const Uint256& gas, const Address& to, const Uint256& value,
              std::uint64_t in_off, std::uint64_t in_size, std::uint64_t out_off, std::uint64_t out_size) {
        push(out_size).push(out_off).push(in_size).push(in_off);
        if (kind == op_call || kind == op_callcode) push(value);
        return push(to).push(gas).op(kind);
    }
    [[nodiscard]] std::size_t size() const noexcept { return code_.size(); }
    [[nodiscard]] const Bytes& bytes() const noexcept { return code_; }
    operator Bytes() const { return code_; }  // NOLINT

private:
    Bytes code_;
};

inline const Address kSender = addr(0x5e4de7);
inline const Address kContract = addr(0xc0de);

// Runs messages against a MapReader through a fresh StateView per run.
class Host {
public:
    Host() {
        block.number = 100;
        block.timestamp = 1000;
        block.gas_limit = 30'000'000;
        block.chain_id = 1;
        block.base_fee = 7;
        block.coinbase = addr(0xc0ffee);
        tx.origin = kSender;
        tx.gas_price = 10;
        reader[kSender].balance = 1'000'000'000'000'000'000_u256;
    }

    // Executes a call to `to` with the transaction-level warm set (sender, recipient,
    // precompiles), as the transaction applier would.
    ExecutionResult call(const Address& to, Bytes input = {}, std::int64_t gas = 1'000'000,
                         const Uint256& value = 0, Tracer* tracer = nullptr, int depth = 0) {
        Message msg;
        msg.kind = CallKind::call;
        msg.gas = gas;
        msg.sender = kSender;
        msg.recipient = to;
        msg.code_address = to;
        msg.value = value;
        msg.input = std::move(input);
        msg.depth = depth;
        return run(msg, tracer);
    }

    ExecutionResult create(Bytes init_code, std::int64_t gas = 1'000'000, Tracer* tracer = nullptr) {
        Message msg;
        msg.kind = CallKind::create;
        msg.gas = gas;
        msg.sender = kSender;
        msg.input = std::move(init_code);
        return run(msg, tracer);
    }

    ExecutionResult run(const Message& msg, Tracer* tracer) {
        view = std::make_unique<state::StateView>(reader);
        view->access_account(msg.sender);
        if (msg.kind == CallKind::call) view->access_account(msg.recipient);
        for (std::uint64_t p = 1; p <= 10; ++p) view->access_account(addr(p));
        if (prepare) prepare(*view);
        return execute(*view, block, tx, msg, tracer);
    }

    // Runs `code` as kContract's code.
    ExecutionResult run_code(const Bytes& code, std::int64_t gas = 1'000'000, Bytes input = {}) {
        reader[kContract].code = code;
        return call(kContract, std::move(input), gas);
    }

    MapReader reader;
    BlockContext block;
    TxContext tx;
    std::function<void(state::StateView&)> prepare;
    std::unique_ptr<state::StateView> view;
};

inline Uint256 word(const Bytes& out) { return Uint256::from_be_bytes(out); }
inline Uint256 word_of(const Address& a) { return Uint256::from_be_bytes(a); }
inline Uint256 word_of_hash(const Hash& h) { return Uint256::from_be_bytes(h); }
inline Hash to_hash_of(const Bytes& out) { return Hash::right_aligned(out); }

}  // namespace optimist::evm::test
