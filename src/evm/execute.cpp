// execute(): one message through a Machine, with the fast loop or, when traced, the
// stepping driver. Also the address derivations and status names.
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/evm/machine.hpp>

namespace optimist::evm {

ExecutionResult execute(state::StateView& state, const BlockContext& block, const TxContext& tx,
                        const Message& msg, Tracer* tracer) {
    // Analyses are reused across messages on this thread: code is immutable per hash.
    thread_local AnalysisCache cache;
    Machine machine(state, block, tx, &cache);
    machine.start(msg);
    if (tracer == nullptr) {
        machine.run();
    } else {
        while (!machine.done()) machine.step(tracer);
    }
    return machine.take_result();
}

Address create_address(const Address& sender, std::uint64_t nonce) {
    rlp::Encoder enc;
    const std::size_t mark = enc.begin_list();
    enc.add_bytes(sender);
    enc.add_uint(nonce);
    enc.end_list(mark);
    const Hash h = keccak256(enc.bytes());
    Address a;
    std::copy(h.begin() + 12, h.end(), a.bytes.begin());
    return a;
}

Address create2_address(const Address& sender, const Hash& salt, ByteView init_code) {
    // EIP-1014: keccak256(0xff ++ sender ++ salt ++ keccak256(init_code))[12:].
    std::uint8_t buf[1 + 20 + 32 + 32];
    buf[0] = 0xff;
    std::copy(sender.begin(), sender.end(), buf + 1);
    std::copy(salt.begin(), salt.end(), buf + 21);
    const Hash code_hash = keccak256(init_code);
    std::copy(code_hash.begin(), code_hash.end(), buf + 53);
    const Hash h = keccak256(ByteView{buf, sizeof(buf)});
    Address a;
    std::copy(h.begin() + 12, h.end(), a.bytes.begin());
    return a;
}

std::string_view to_string(StatusCode s) noexcept {
    switch (s) {
        case StatusCode::success:
            return "success";
        case StatusCode::revert:
            return "revert";
        case StatusCode::out_of_gas:
            return "out of gas";
        case StatusCode::invalid_instruction:
            return "invalid instruction";
        case StatusCode::undefined_instruction:
            return "undefined instruction";
        case StatusCode::stack_overflow:
            return "stack overflow";
        case StatusCode::stack_underflow:
            return "stack underflow";
        case StatusCode::bad_jump_destination:
            return "bad jump destination";
        case StatusCode::invalid_memory_access:
            return "invalid memory access";
        case StatusCode::static_mode_violation:
            return "static mode violation";
        case StatusCode::precompile_failure:
            return "precompile failure";
        case StatusCode::call_depth_exceeded:
            return "call depth exceeded";
        case StatusCode::insufficient_balance:
            return "insufficient balance";
        case StatusCode::nonce_overflow:
            return "nonce overflow";
        case StatusCode::contract_address_collision:
            return "contract address collision";
        case StatusCode::code_size_exceeded:
            return "code size exceeded";
        case StatusCode::invalid_code_prefix:
            return "invalid code prefix";
        case StatusCode::initcode_size_exceeded:
            return "initcode size exceeded";
    }
    return "unknown";
}

}  // namespace optimist::evm
