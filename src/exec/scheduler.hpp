// The collaborative scheduler of Block-STM: the workers share two ordered queues, the next
// transaction to execute and the next to validate, each an atomic index that only moves back
// (to re-execute or re-validate) when a conflict shows. Lower transactions come first in
// both, so work near the head of the block, which everything above depends on, is done first.
//
// A transaction's life: ready (incarnation n) -> executing -> executed -> (validation fails)
// aborting -> ready (incarnation n + 1) ... An execution that reads an ESTIMATE of a lower
// transaction parks its transaction as a dependent of that one (aborting) until the lower
// one has executed again.
//
// Thread safety: all methods may run concurrently.
#pragma once

#include "mv_memory.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace optimist::exec::detail {

using Incarnation = std::uint32_t;

struct Version {
    TxIndex tx = 0;
    Incarnation incarnation = 0;
};

struct Task {
    enum class Kind : std::uint8_t { execute, validate } kind = Kind::execute;
    Version version;
};

class Scheduler {
public:
    // Empty: reset() prepares it for a block. One scheduler serves block after block and
    // keeps its per-transaction states (fresh memory costs page faults, which on a VM cost
    // more than a small block's scheduling).
    Scheduler() = default;
    // Ready for a block of `txs` transactions. REQUIRES: no worker is using it.
    void reset(std::size_t txs);

    // The next task, or nullopt when there is nothing to do right now (call again) or the
    // block is done (done() is then true).
    [[nodiscard]] std::optional<Task> next_task();
    [[nodiscard]] bool done() const noexcept { return done_.load(std::memory_order_acquire); }
    // Stops the run early: done() becomes true for every worker.
    void halt() noexcept { done_.store(true, std::memory_order_release); }

    // The executing transaction `tx` met an ESTIMATE of `blocking`. False when `blocking` has
    // executed meanwhile (execute `tx` again at once); true when `tx` now waits for it.
    [[nodiscard]] bool add_dependency(TxIndex tx, TxIndex blocking);
    // An execution finished; may hand back the validation of it to the same worker.
    [[nodiscard]] std::optional<Task> finish_execution(Version v, bool wrote_new_location);
    // Whether `tx`'s last incarnation finished executing (and was not aborted since).
    [[nodiscard]] bool executed(TxIndex tx);
    // True if this worker won the right to abort `v` after its validation failed.
    [[nodiscard]] bool try_validation_abort(Version v);
    // A validation finished; may hand back the re-execution of an aborted transaction.
    [[nodiscard]] std::optional<Task> finish_validation(TxIndex tx, bool aborted);

private:
    enum class Status : std::uint8_t { ready, executing, executed, aborting };
    // A cache line each: the workers update neighbouring transactions at the same time.
    struct alignas(64) TxState {
        std::mutex lock;
        Status status = Status::ready;
        Incarnation incarnation = 0;
        std::vector<TxIndex> dependents;  // waiting for this transaction to execute
    };

    std::optional<Version> try_incarnate(TxIndex tx);
    std::optional<Version> next_version_to_execute();
    std::optional<Version> next_version_to_validate();
    void check_done();
    void decrease_execution_index(TxIndex target);
    void decrease_validation_index(TxIndex target);
    void set_ready(TxIndex tx);

    TxIndex size_ = 0;
    std::unique_ptr<TxState[]> states_;
    std::size_t capacity_ = 0;
    // Each counter on its own cache line, so that updating one does not invalidate the others
    // in the other workers' caches.
    alignas(64) std::atomic<TxIndex> execution_index_{0};
    alignas(64) std::atomic<TxIndex> validation_index_{0};
    // Bumped whenever an index moves back: a worker that saw both indices at the end and no
    // task running knows nothing moved while it looked.
    alignas(64) std::atomic<std::uint64_t> decrease_count_{0};
    alignas(64) std::atomic<std::int64_t> active_tasks_{0};
    alignas(64) std::atomic<bool> done_{false};
};

}  // namespace optimist::exec::detail
