// Sequential block execution: one StateView per transaction over the block overlay, the
// block's gas pool, and receipts with cumulative gas.
#include <optimist/exec/block_executor.hpp>
#include <optimist/exec/block_run.hpp>

namespace optimist::exec {

BlockExecutor::BlockExecutor(const state::StateReader& pre, evm::BlockContext ctx)
    : ctx_(std::move(ctx)), overlay_(pre) {
    // Validation never reads block hashes; leaving the callback out keeps the copy cheap.
    validation_ctx_.coinbase = ctx_.coinbase;
    validation_ctx_.number = ctx_.number;
    validation_ctx_.timestamp = ctx_.timestamp;
    validation_ctx_.gas_limit = ctx_.gas_limit;
    validation_ctx_.prev_randao = ctx_.prev_randao;
    validation_ctx_.base_fee = ctx_.base_fee;
    validation_ctx_.blob_base_fee = ctx_.blob_base_fee;
    validation_ctx_.chain_id = ctx_.chain_id;
}

Result<const ExecutedTx*, TxError> BlockExecutor::try_apply(const tx::Transaction& t, evm::Tracer* tracer) {
    state::StateView view(overlay_);
    // The block's gas pool takes the place of the block gas limit in validation, so a
    // transaction that no longer fits is refused exactly where geth's buyGas refuses it.
    validation_ctx_.gas_limit = gas_left();
    if (auto valid = validate_transaction(view, validation_ctx_, t); !valid) return fail(valid.error());
    const std::uint64_t blob = t.type == tx::TxType::blob ? blob_gas(t) : 0;
    if (blob > kMaxBlobGasPerBlock - blob_gas_used_) return fail(TxError::blob_gas_exceeds_block);

    auto applied = apply_transaction(view, ctx_, t, tracer);
    // Validated above against the same view; apply_transaction's own checks cannot differ.
    if (!applied) return fail(applied.error());
    TxOutcome& out = *applied;

    gas_used_ += out.gas_used;
    blob_gas_used_ += out.blob_gas_used;
    ExecutedTx executed = executed_from(t, std::move(out), gas_used_);

    state::WriteSet writes = view.write_set();
    overlay_.apply(writes);
    write_sets_.push_back(std::move(writes));
    executed_.push_back(std::move(executed));
    return &executed_.back();
}

void BlockExecutor::adopt(ExecutedTx executed, state::WriteSet writes, std::uint64_t blob_gas_used) {
    gas_used_ += executed.gas_used;
    blob_gas_used_ += blob_gas_used;
    executed.receipt.cumulative_gas_used = gas_used_;
    overlay_.apply(writes);
    write_sets_.push_back(std::move(writes));
    executed_.push_back(std::move(executed));
}

Result<BlockExecution, std::pair<std::size_t, TxError>> execute_block(const state::StateReader& pre,
                                                                      const evm::BlockContext& ctx,
                                                                      std::span<const tx::Transaction> txs) {
    BlockExecutor executor(pre, ctx);
    for (std::size_t i = 0; i < txs.size(); ++i) {
        if (auto r = executor.try_apply(txs[i]); !r) return fail(std::pair{i, r.error()});
    }
    BlockExecution out;
    out.gas_used = executor.gas_used();
    out.txs = executor.take_executed();
    out.write_sets = executor.take_write_sets();
    return out;
}

}  // namespace optimist::exec
