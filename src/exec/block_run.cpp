// The sequential block run: the reference the parallel executor must equal.
#include <optimist/exec/block_run.hpp>

#include <algorithm>

namespace optimist::exec {

std::size_t BlockRun::applied() const noexcept {
    return static_cast<std::size_t>(std::count_if(txs.begin(), txs.end(), [](const TxRun& r) { return !r.error; }));
}

bool ends_block(const tx::Transaction& t, std::uint64_t gas_left, std::uint64_t blob_gas_left) noexcept {
    if (t.gas_limit > gas_left) return true;
    return t.type == tx::TxType::blob && blob_gas(t) > blob_gas_left;
}

ExecutedTx executed_from(const tx::Transaction& t, TxOutcome&& out, std::uint64_t cumulative_gas) {
    const bool success = out.status == evm::StatusCode::success;
    ExecutedTx executed;
    executed.receipt = tx::make_receipt(t.type, success, cumulative_gas, out.logs);
    executed.gas_used = out.gas_used;
    executed.contract_address = out.contract_address;
    executed.logs = std::move(out.logs);
    executed.output = std::move(out.output);
    executed.status = out.status;
    return executed;
}

BlockRun run_block_sequential(const state::StateReader& pre, const evm::BlockContext& ctx,
                              std::span<const tx::Transaction> txs) {
    BlockExecutor executor(pre, ctx);
    BlockRun run;
    run.txs.reserve(txs.size());
    finish_block_sequential(executor, txs, 0, run);
    return run;
}

void finish_block_sequential(BlockExecutor& executor, std::span<const tx::Transaction> txs, std::size_t from,
                             BlockRun& run) {
    for (const tx::Transaction& t : txs.subspan(from)) {
        if (ends_block(t, executor.gas_left(), kMaxBlobGasPerBlock - executor.blob_gas_used())) break;
        TxRun r;
        if (auto applied = executor.try_apply(t); !applied) r.error = applied.error();
        run.txs.push_back(std::move(r));
    }
    // Moved out at the end: try_apply hands out pointers into its own vectors.
    std::vector<ExecutedTx> executed = executor.take_executed();
    std::vector<state::WriteSet> writes = executor.take_write_sets();
    std::size_t next = 0;
    for (TxRun& r : run.txs) {
        if (r.error) continue;
        r.executed = std::move(executed[next]);
        r.writes = std::move(writes[next]);
        ++next;
    }
    run.gas_used = executor.gas_used();
    run.blob_gas_used = executor.blob_gas_used();
}

}  // namespace optimist::exec
