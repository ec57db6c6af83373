// Executing without committing: eth_call, eth_estimateGas, debug_traceTransaction.
#include "eth_api_context.hpp"
#include "eth_json.hpp"
#include "struct_logger.hpp"

#include <optimist/exec/block_executor.hpp>
#include <optimist/exec/simulate_call.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/tx/codec.hpp>

#include <algorithm>

namespace optimist::sequencer::eth_api {
namespace {

// Error(string): the selector of keccak256("Error(string)") and an ABI-encoded string.
std::string revert_reason(ByteView out) {
    if (out.size() < 4 + 64 || out[0] != 0x08 || out[1] != 0xc3 || out[2] != 0x79 || out[3] != 0xa0) return {};
    const ByteView body = out.subspan(4);
    const Uint256 offset = Uint256::from_be_bytes(body.subspan(0, 32));
    if (!offset.fits_u64() || offset.w[0] > body.size() - 32) return {};
    const ByteView at = body.subspan(offset.w[0]);
    const Uint256 length = Uint256::from_be_bytes(at.subspan(0, 32));
    if (!length.fits_u64() || length.w[0] > at.size() - 32) return {};
    return std::string(reinterpret_cast<const char*>(at.data() + 32), length.w[0]);
}

// geth's wording for a failed call other than a revert.
std::string failure_message(evm::StatusCode s) {
    using S = evm::StatusCode;
    switch (s) {
        case S::out_of_gas: return "out of gas";
        case S::invalid_instruction: return "invalid opcode: INVALID";
        case S::stack_overflow: return "stack limit reached 1024 (1023)";
        case S::stack_underflow: return "stack underflow";
        case S::bad_jump_destination: return "invalid jump destination";
        case S::invalid_memory_access: return "return data out of bounds";
        case S::static_mode_violation: return "write protection";
        case S::call_depth_exceeded: return "max call depth exceeded";
        case S::insufficient_balance: return "insufficient balance for transfer";
        case S::contract_address_collision: return "contract address collision";
        case S::code_size_exceeded: return "max code size exceeded";
        case S::invalid_code_prefix: return "invalid code: must not begin with 0xef";
        case S::initcode_size_exceeded: return "max initcode size exceeded";
        default: return std::string(evm::to_string(s));
    }
}

RpcError call_failure(const exec::CallOutcome& out) {
    if (out.status == evm::StatusCode::revert) return RpcError::execution_reverted(eth_json::hex_data(out.output), revert_reason(out.output));
    return RpcError::server(failure_message(out.status));
}

// A transaction call object: from, to, gas, gasPrice | maxFeePerGas (+ maxPriorityFeePerGas),
// value, data | input, accessList. Unknown members are ignored, as geth ignores them.
Result<exec::CallRequest, RpcError> parse_call(const json& params, std::uint64_t default_gas, std::uint64_t gas_cap) {
    if (!params.is_array() || params.empty() || params[0].is_null())
        return fail(RpcError::invalid_params("missing value for required argument 0"));
    const json& obj = params[0];
    if (!obj.is_object()) return fail(rpc::invalid_argument(0, "cannot unmarshal non-object into TransactionArgs"));
    exec::CallRequest call;
    call.gas = default_gas;
    auto field = [&](const char* name) -> const json* {
        auto it = obj.find(name);
        return it == obj.end() || it->is_null() ? nullptr : &*it;
    };
    auto bad = [](const char* name, const std::string& why) {
        return rpc::invalid_argument(0, std::string("json: cannot unmarshal ") + name + ": " + why);
    };
    if (const json* v = field("from")) {
        auto a = rpc::parse_address(*v);
        if (!a) return fail(bad("from", a.error()));
        call.from = *a;
    }
    if (const json* v = field("to")) {
        auto a = rpc::parse_address(*v);
        if (!a) return fail(bad("to", a.error()));
        call.to = *a;
    }
    if (const json* v = field("gas")) {
        auto g = rpc::parse_quantity_u64(*v);
        if (!g) return fail(bad("gas", g.error()));
        call.gas = std::min(*g, gas_cap);
    }
    for (const char* price_field : {"gasPrice", "maxFeePerGas"}) {
        if (const json* v = field(price_field)) {
            auto p = rpc::parse_quantity(*v);
            if (!p) return fail(bad(price_field, p.error()));
            call.gas_price = *p;
        }
    }
    if (const json* v = field("value")) {
        auto p = rpc::parse_quantity(*v);
        if (!p) return fail(bad("value", p.error()));
        call.value = *p;
    }
    const json* data = field("input");
    const json* data_alias = field("data");
    if (data && data_alias && *data != *data_alias)
        return fail(rpc::invalid_argument(0, "both \"data\" and \"input\" are set and not equal. Please use \"input\" "
                                             "to pass transaction call data"));
    if (!data) data = data_alias;
    if (data) {
        auto b = rpc::parse_data(*data);
        if (!b) return fail(bad("input", b.error()));
        call.data = std::move(*b);
    }
    if (const json* v = field("accessList")) {
        if (!v->is_array()) return fail(bad("accessList", "expected an array"));
        for (const json& entry : *v) {
            if (!entry.is_object() || !entry.contains("address")) return fail(bad("accessList", "expected {address, storageKeys}"));
            auto a = rpc::parse_address(entry["address"]);
            if (!a) return fail(bad("accessList", a.error()));
            tx::AccessListEntry e{*a, {}};
            if (entry.contains("storageKeys") && entry["storageKeys"].is_array()) {
                for (const json& k : entry["storageKeys"]) {
                    auto h = rpc::parse_hash(k);
                    if (!h) return fail(bad("accessList", h.error()));
                    e.storage_keys.push_back(*h);
                }
            }
            call.access_list.push_back(std::move(e));
        }
    }
    return call;
}

evm::BlockContext context_for(const Context& ctx, const tx::BlockHeader& header) {
    const chain::ChainStore& chain = ctx.node.chain();
    return exec::block_context(header, ctx.node.chain_id(),
                               [&chain](std::uint64_t n) { return chain.canonical_hash(n).value_or(Hash{}); });
}

HandlerResult eth_call(const Context& ctx, const json& params) {
    if (auto a = rpc::check_arity(params, 1, 3); !a) return fail(a.error());
    auto call = parse_call(params, ctx.options.gas_cap, ctx.options.gas_cap);
    if (!call) return fail(call.error());
    auto id = block_id_arg(params, 1);
    if (!id) return fail(id.error());
    Result<exec::CallOutcome, exec::CallError> out = fail(exec::CallError::insufficient_funds);
    if (auto s = ctx.with_state(*id, [&](const state::StateReader& st, const tx::BlockHeader& h) {
            out = exec::simulate_call(st, context_for(ctx, h), *call);
        });
        !s)
        return fail(s.error());
    if (!out) return fail(RpcError::server(std::string(exec::to_string(out.error()))));
    if (out->status != evm::StatusCode::success) return fail(call_failure(*out));
    return json(eth_json::hex_data(out->output));
}

HandlerResult estimate_gas(const Context& ctx, const json& params) {
    if (auto a = rpc::check_arity(params, 1, 3); !a) return fail(a.error());
    const std::uint64_t block_gas = ctx.node.genesis().gas_limit;
    auto call = parse_call(params, std::min(block_gas, ctx.options.gas_cap), ctx.options.gas_cap);
    if (!call) return fail(call.error());
    auto id = block_id_arg(params, 1);
    if (!id) return fail(id.error());

    Result<std::uint64_t, RpcError> answer = fail(RpcError::server("header not found"));
    if (auto s = ctx.with_state(*id, [&](const state::StateReader& st, const tx::BlockHeader& h) {
            const evm::BlockContext block = context_for(ctx, h);
            exec::CallRequest attempt = *call;
            auto run = [&](std::uint64_t gas) {
                attempt.gas = gas;
                return exec::simulate_call(st, block, attempt);
            };
            std::uint64_t hi = call->gas;
            auto first = run(hi);
            if (!first) {
                answer = fail(RpcError::server(std::string(exec::to_string(first.error()))));
                return;
            }
            if (first->status != evm::StatusCode::success) {
                answer = first->status == evm::StatusCode::out_of_gas
                             ? fail(RpcError::server("gas required exceeds allowance (" + std::to_string(hi) + ")"))
                             : fail(call_failure(*first));
                return;
            }
            // The gas used is a lower bound (refunds and the 63/64 rule can make the limit a
            // call needs larger); binary search between it and the first success.
            std::uint64_t lo = first->gas_used > 0 ? first->gas_used - 1 : 0;
            // Most calls succeed with a little headroom over their gas used: try that first.
            const std::uint64_t optimistic = std::min(hi, (first->gas_used + 2300) * 64 / 63);
            if (optimistic < hi) {
                auto r = run(optimistic);
                if (r && r->status == evm::StatusCode::success) {
                    hi = optimistic;
                } else {
                    lo = optimistic;
                }
            }
            while (lo + 1 < hi) {
                const std::uint64_t mid = lo + (hi - lo) / 2;
                auto r = run(mid);
                if (r && r->status == evm::StatusCode::success) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            answer = hi;
        });
        !s)
        return fail(s.error());
    if (!answer) return fail(answer.error());
    return json(eth_json::quantity(*answer));
}

HandlerResult trace_transaction(const Context& ctx, const json& params) {
    if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
    auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
    if (!hash) return fail(hash.error());
    if (params.size() > 1 && params[1].is_object() && params[1].contains("tracer") && !params[1]["tracer"].is_null())
        return fail(RpcError::server("only the default struct logger is supported (omit \"tracer\")"));
    const auto at = ctx.node.chain().tx_location(*hash);
    if (!at) return fail(RpcError::server("transaction " + eth_json::hex_data(*hash) + " not found"));
    auto block = ctx.node.chain().block_by_hash(at->block_hash);
    if (!block || block->header.number == 0) return fail(RpcError::server("block of the transaction not found"));

    Result<json, RpcError> answer = fail(RpcError::internal("trace did not run"));
    auto s = ctx.node.with_state(block->header.number - 1, [&](const state::StateReader& pre, const tx::BlockHeader&) {
        exec::BlockExecutor executor(pre, context_for(ctx, block->header));
        for (std::uint32_t i = 0; i < at->index; ++i) {
            if (!executor.try_apply(block->transactions[i])) {
                answer = fail(RpcError::internal("re-execution of transaction " + std::to_string(i) + " failed"));
                return;
            }
        }
        StructLogger logger(ctx.options.max_trace_steps);
        auto r = executor.try_apply(block->transactions[at->index], &logger);
        if (!r) {
            answer = fail(RpcError::internal("re-execution of the transaction failed"));
            return;
        }
        if (logger.truncated()) {
            answer = fail(RpcError::server("trace longer than " + std::to_string(ctx.options.max_trace_steps) +
                                           " steps (raise the limit or use a smaller transaction)"));
            return;
        }
        answer = logger.result((*r)->gas_used, (*r)->status != evm::StatusCode::success, (*r)->output);
    });
    if (!s) return fail(RpcError::server(s.error()));
    return answer;
}

}  // namespace

void register_call_methods(rpc::Dispatcher& d, const ContextPtr& ctx) {
    d.add("eth_call", [ctx](const json& params) { return eth_call(*ctx, params); });
    d.add("eth_estimateGas", [ctx](const json& params) { return estimate_gas(*ctx, params); });
    d.add("debug_traceTransaction", [ctx](const json& params) { return trace_transaction(*ctx, params); });
}

}  // namespace optimist::sequencer::eth_api
