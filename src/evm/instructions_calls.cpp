// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 and SELFDESTRUCT: the
// instructions that start messages (Yellow Paper 8 and 9.4.4; EIPs 150, 161, 1014, 2929,
// 3860, 6780). Entering and delivering messages is shared with the transaction-level
// message (Machine::start), so each rule is written once.
#include "instructions_memory.hpp"
#include "instructions_state.hpp"
#include "machine_ops.hpp"
#include "words.hpp"

#include <optimist/crypto/precompiles.hpp>
#include <optimist/evm/opcodes.hpp>

#include <algorithm>

namespace optimist::evm::detail {

namespace {

// EIP-150: a caller can give away at most all but one 64th of its remaining gas.
constexpr std::int64_t max_call_gas(std::int64_t gas) noexcept { return gas - gas / 64; }

// run_precompile's gas limit must stay below 2^62; no precompile costs that much.
constexpr std::int64_t kMaxPrecompileGas = (std::int64_t{1} << 62) - 1;

Outcome run_precompile(const Message& msg) {
    const std::int64_t limit = std::min(msg.gas, kMaxPrecompileGas);
    crypto::PrecompileResult r =
        crypto::run_precompile(msg.code_address, msg.input, static_cast<std::uint64_t>(limit));
    if (!r.ok()) return Outcome{StatusCode::precompile_failure, 0, {}};
    return Outcome{StatusCode::success, msg.gas - static_cast<std::int64_t>(r.gas_used), std::move(r.output)};
}

}  // namespace

void MachineOps::enter_call(Machine& m, Message&& msg, std::uint64_t ret_offset, std::uint64_t ret_size) {
    state::StateView& st = m.state_;
    const std::size_t snapshot = st.snapshot();
    if (msg.kind == CallKind::call || msg.kind == CallKind::staticcall) {
        if (!msg.value.is_zero()) {
            st.sub_balance(msg.sender, msg.value);
            st.add_balance(msg.recipient, msg.value);
        }
        // EIP-161: a call touches its target, even with no value (an empty touched account
        // is removed at the end of the transaction).
        st.touch(msg.recipient);
    }

    if (crypto::is_precompile(msg.code_address)) {
        Outcome out = run_precompile(msg);
        if (out.status != StatusCode::success) st.revert(snapshot);
        deliver_call(m, std::move(out), ret_offset, ret_size);
        return;
    }

    const Hash code_hash = st.code_hash(msg.code_address);
    if (code_hash == state::kEmptyCodeHash) {
        deliver_call(m, Outcome{StatusCode::success, msg.gas, {}}, ret_offset, ret_size);
        return;
    }

    // Code is named by its hash: an analysis already made needs no copy of the code.
    std::shared_ptr<const CodeAnalysis> code = m.cache_->find(code_hash);
    if (!code) code = m.cache_->get(code_hash, st.code(msg.code_address));
    Frame& f = push_frame(m);
    f.code = std::move(code);
    f.kind = msg.kind;
    f.is_static = msg.is_static;
    f.depth = msg.depth;
    f.caller = msg.sender;
    f.address = msg.recipient;
    f.code_address = msg.code_address;
    f.value = msg.value;
    f.input = std::move(msg.input);
    f.gas = msg.gas;
    f.snapshot = snapshot;
    f.ret_offset = ret_offset;
    f.ret_size = ret_size;
}

void MachineOps::enter_create(Machine& m, Message&& msg, const Address& address) {
    state::StateView& st = m.state_;
    // EIP-2929: the new address is warm even if the creation fails.
    st.access_account(address);
    // Collision (Yellow Paper 7; EIP-7610 adds committed storage): all gas is lost.
    if (st.nonce(address) != 0 || st.code_hash(address) != state::kEmptyCodeHash ||
        st.has_committed_storage(address)) {
        deliver_create(m, Outcome{StatusCode::contract_address_collision, 0, {}}, address);
        return;
    }
    const std::size_t snapshot = st.snapshot();
    st.create_contract(address);
    if (!msg.value.is_zero()) {
        st.sub_balance(msg.sender, msg.value);
        st.add_balance(address, msg.value);
    }
    if (msg.input.empty()) {
        // Empty init code returns empty code: nothing to deposit.
        deliver_create(m, Outcome{StatusCode::success, msg.gas, {}}, address);
        return;
    }

    // Init code is not cached: it is usually run once, and hashing it would cost more
    // than the analysis saves.
    auto code = std::make_shared<const CodeAnalysis>(msg.input, Hash{});
    Frame& f = push_frame(m);
    f.code = std::move(code);
    f.kind = msg.kind;
    f.is_static = false;
    f.depth = msg.depth;
    f.caller = msg.sender;
    f.address = address;
    f.code_address = address;
    f.value = msg.value;
    f.input.clear();
    f.gas = msg.gas;
    f.snapshot = snapshot;
}

void MachineOps::deliver_call(Machine& m, Outcome&& out, std::uint64_t ret_offset, std::uint64_t ret_size) {
    if (m.frames_.empty()) {
        m.result_ = ExecutionResult{out.status, out.gas_left, std::move(out.output), Address{}};
        m.done_ = true;
        return;
    }
    Frame& caller = m.frames_.back();
    caller.gas += out.gas_left;
    const std::size_t n = std::min<std::uint64_t>(ret_size, out.output.size());
    if (n != 0)
        std::copy_n(out.output.begin(), n, caller.memory.begin() + static_cast<std::ptrdiff_t>(ret_offset));
    caller.stack[caller.stack_size++] = Uint256{out.status == StatusCode::success ? 1U : 0U};
    caller.return_data = std::move(out.output);
}

void MachineOps::deliver_create(Machine& m, Outcome&& out, const Address& address) {
    const bool success = out.status == StatusCode::success;
    // EIP-211: only a reverted creation leaves return data.
    if (out.status != StatusCode::revert) out.output.clear();
    if (m.frames_.empty()) {
        m.result_ =
            ExecutionResult{out.status, out.gas_left, std::move(out.output), success ? address : Address{}};
        m.done_ = true;
        return;
    }
    Frame& caller = m.frames_.back();
    caller.gas += out.gas_left;
    caller.stack[caller.stack_size++] = success ? to_word(address) : Uint256{};
    caller.return_data = std::move(out.output);
}

StatusCode MachineOps::do_call(Machine& m, CallKind kind) {
    Frame& f = m.frames_.back();
    state::StateView& st = m.state_;
    const bool has_value_arg = kind == CallKind::call || kind == CallKind::callcode;
    const int nargs = has_value_arg ? 7 : 6;
    Uint256* sp = f.stack.get() + f.stack_size;
    const Uint256 gas_arg = sp[-1];
    const Address target = to_address(sp[-2]);
    const Uint256 value = has_value_arg ? sp[-3] : Uint256{};
    const Uint256* args = has_value_arg ? sp - 4 : sp - 3;  // args[0] offset, args[-1] size, ...
    const Uint256 args_offset = args[0];
    const Uint256 args_size = args[-1];
    const Uint256 ret_offset = args[-2];
    const Uint256 ret_size = args[-3];

    if (kind == CallKind::call && f.is_static && !value.is_zero()) return StatusCode::static_mode_violation;

    std::int64_t gas = f.gas;
    if (!expand_memory(f.memory, gas, args_offset, args_size) ||
        !expand_memory(f.memory, gas, ret_offset, ret_size)) {
        return StatusCode::out_of_gas;
    }
    if (!charge_account_access(st, target, gas)) return StatusCode::out_of_gas;
    if (!value.is_zero()) {
        gas -= gas::kCallValue;
        // EIP-161: creating an account by sending it value costs extra.
        if (kind == CallKind::call && st.is_empty(target)) gas -= gas::kNewAccount;
        if (gas < 0) return StatusCode::out_of_gas;
    }

    std::int64_t call_gas = max_call_gas(gas);
    if (gas_arg.fits_u64() && gas_arg.w[0] < static_cast<std::uint64_t>(call_gas)) {
        call_gas = static_cast<std::int64_t>(gas_arg.w[0]);
    }
    gas -= call_gas;
    if (!value.is_zero()) call_gas += gas::kCallStipend;

    f.gas = gas;
    m.gas_after_charge_ = gas;
    f.stack_size -= static_cast<std::uint32_t>(nargs);
    f.return_data.clear();
    const std::uint64_t out_offset = ret_size.is_zero() ? 0 : ret_offset.w[0];
    const std::uint64_t out_size = ret_size.w[0];

    // Failures before the callee runs keep its gas and push 0 (no exceptional halt).
    if (f.depth + 1 > kMaxCallDepth || (has_value_arg && !value.is_zero() && st.balance(f.address) < value)) {
        deliver_call(m, Outcome{StatusCode::call_depth_exceeded, call_gas, {}}, out_offset, out_size);
        return StatusCode::success;
    }

    Message msg;
    msg.kind = kind;
    msg.depth = f.depth + 1;
    msg.gas = call_gas;
    msg.code_address = target;
    switch (kind) {
        case CallKind::call:
            msg.is_static = f.is_static;
            msg.sender = f.address;
            msg.recipient = target;
            msg.value = value;
            break;
        case CallKind::callcode:
            msg.is_static = f.is_static;
            msg.sender = f.address;
            msg.recipient = f.address;
            msg.value = value;
            break;
        case CallKind::delegatecall:
            msg.is_static = f.is_static;
            msg.sender = f.caller;
            msg.recipient = f.address;
            msg.value = f.value;
            break;
        default:
            msg.is_static = true;
            msg.sender = f.address;
            msg.recipient = target;
            break;
    }
    if (!args_size.is_zero()) {
        const auto* begin = f.memory.data() + args_offset.w[0];
        msg.input.assign(begin, begin + args_size.w[0]);
    }
    enter_call(m, std::move(msg), out_offset, out_size);
    return StatusCode::success;
}

StatusCode MachineOps::do_create(Machine& m, CallKind kind) {
    Frame& f = m.frames_.back();
    state::StateView& st = m.state_;
    if (f.is_static) return StatusCode::static_mode_violation;
    const int nargs = kind == CallKind::create2 ? 4 : 3;
    Uint256* sp = f.stack.get() + f.stack_size;
    const Uint256 value = sp[-1];
    const Uint256 offset = sp[-2];
    const Uint256 size = sp[-3];

    std::int64_t gas = f.gas;
    if (!expand_memory(f.memory, gas, offset, size)) return StatusCode::out_of_gas;
    // EIP-3860: init code is limited and charged per word; CREATE2 also pays for hashing it.
    if (size.w[0] > kMaxInitcodeSize) return StatusCode::initcode_size_exceeded;
    const std::int64_t per_word = gas::kInitcodeWord + (kind == CallKind::create2 ? gas::kKeccakWord : 0);
    if (!charge_words(gas, per_word, size.w[0])) return StatusCode::out_of_gas;

    const std::int64_t call_gas = max_call_gas(gas);
    gas -= call_gas;
    f.gas = gas;
    m.gas_after_charge_ = gas;
    f.stack_size -= static_cast<std::uint32_t>(nargs);
    f.return_data.clear();

    if (f.depth + 1 > kMaxCallDepth || st.balance(f.address) < value ||
        st.nonce(f.address) == ~std::uint64_t{0}) {  // EIP-2681
        deliver_create(m, Outcome{StatusCode::call_depth_exceeded, call_gas, {}}, Address{});
        // A failed creation pushes zero, not an address.
        return StatusCode::success;
    }

    Message msg;
    msg.kind = kind;
    msg.depth = f.depth + 1;
    msg.gas = call_gas;
    msg.sender = f.address;
    msg.value = value;
    if (!size.is_zero()) {
        const auto* begin = f.memory.data() + offset.w[0];
        msg.input.assign(begin, begin + size.w[0]);
    }
    const std::uint64_t nonce = st.nonce(f.address);
    st.set_nonce(f.address, nonce + 1);
    Address address;
    if (kind == CallKind::create) {
        address = create_address(f.address, nonce);
    } else {
        msg.salt = to_hash(sp[-4]);
        address = create2_address(f.address, msg.salt, msg.input);
    }
    enter_create(m, std::move(msg), address);
    return StatusCode::success;
}

StatusCode MachineOps::do_selfdestruct(Machine& m, Frame& f, const Uint256* sp, std::int64_t& gas) {
    if (f.is_static) return StatusCode::static_mode_violation;
    state::StateView& st = m.state_;
    const Address beneficiary = to_address(sp[-1]);
    // EIP-2929: the full cold cost on top of the 5000 base (no warm part in the base).
    if (!st.access_account(beneficiary)) gas -= gas::kColdAccountAccess;
    if (!st.balance(f.address).is_zero() && st.is_empty(beneficiary)) gas -= gas::kNewAccount;
    if (gas < 0) return StatusCode::out_of_gas;
    // EIP-3529: no refund. EIP-6780: the state deletes the account only if it was
    // created in this transaction.
    st.selfdestruct(f.address, beneficiary);
    return StatusCode::success;
}

}  // namespace optimist::evm::detail
