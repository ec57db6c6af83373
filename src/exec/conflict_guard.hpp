// The conflict guard of Block-STM (ParallelOptions::probe_executions, max_reexecution_share):
// each worker judges its own executions in windows, and when too many of a window conflicted
// (were re-executions, or stopped at an ESTIMATE) the rest of the block is better run
// sequentially. One guard per worker, so the guard shares nothing between the workers.
#pragma once

#include <cstddef>

namespace optimist::exec::detail {

class ConflictGuard {
public:
    ConflictGuard(std::size_t window, double max_share) noexcept
        : window_(window), max_share_(max_share), limit_(max_share * static_cast<double>(window)) {}

    // Before an execution (`reexecution`: of a transaction executed before in this block):
    // true when the worker should give up on the block instead of running it. A window whose
    // conflicts already exceed the share of a whole window would fail at its end whatever its
    // remaining executions do, so it ends there: a block where every transaction conflicts
    // (one hot slot) gives up after about ten executions per worker, not after a whole window
    // of 24. (A worker's last window may never fill, as the block ends first: such a window
    // now gives up where it used to let the block finish. The results are the same.)
    [[nodiscard]] bool before_execution(bool reexecution) noexcept {
        conflicts_ += reexecution ? 1 : 0;
        ++executions_;
        const bool doomed = conflicts_ > 0 && static_cast<double>(conflicts_) > limit_;
        if (!doomed && executions_ < window_) return false;
        const double share = static_cast<double>(conflicts_) / static_cast<double>(executions_);
        executions_ = 0;
        conflicts_ = 0;
        return doomed || share > max_share_;
    }

    // The execution just counted stopped at an ESTIMATE.
    void stopped_by_dependency() noexcept { ++conflicts_; }

private:
    std::size_t window_;
    double max_share_;
    double limit_;  // conflicts beyond which a window fails
    std::size_t executions_ = 0;
    std::size_t conflicts_ = 0;
};

}  // namespace optimist::exec::detail
