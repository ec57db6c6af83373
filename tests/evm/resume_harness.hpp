// The resume check (DESIGN decision 1): a message runs once uninterrupted with the fast loop,
// and once with the stepping driver stopping after every step - machine image and StateView
// encoded, both destroyed, decoded into fresh objects, one more step. Everything the message
// produces must be identical. A reference machine stepping without stopping runs in lockstep,
// so images, views and substates are also compared along the way.
#pragma once

#include <optimist/evm/machine.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/state_view.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>

namespace optimist::evm::test {

struct ResumeInput {
    const state::StateReader* reader = nullptr;
    const BlockContext* block = nullptr;
    const TxContext* tx = nullptr;
    const Message* msg = nullptr;
    // Transaction-level setup applied to each fresh view before the message (gas purchase,
    // nonce, warm sets), so the message starts as the transaction applier starts it.
    std::function<void(state::StateView&)> prepare;
};

struct ResumeOptions {
    // Resume after every step up to this many steps (the reference runs in lockstep up to
    // here), then every `stride` steps up to `stepped_limit` steps, then finish with the fast
    // loop. Only for cases of hundreds of millions of steps (VMTests/vmPerformance), which
    // would otherwise take hours; the outcome is still compared with the uninterrupted run.
    std::uint64_t every_step_limit = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t stride = 1;
    std::uint64_t stepped_limit = std::numeric_limits<std::uint64_t>::max();
    // Besides powers of two and the last step, compare with the reference every this many steps.
    std::uint64_t check_every = 64;
    // At those checkpoints, also run the next step the way a one-step verifier would: a fresh
    // view preloaded with the reference's substate, the machine restored from its image.
    bool check_preload = true;
};

struct ResumeStats {
    std::uint64_t steps = 0;  // taken by the stepping driver (the rest, if any, by the fast loop)
    std::uint64_t resumes = 0;
    std::uint64_t checkpoints = 0;
    std::uint64_t preload_checks = 0;
    std::size_t max_frames = 0;
    std::size_t max_image_bytes = 0;  // machine image plus StateView image
};

struct ResumeOutcome {
    ResumeStats stats;
    ExecutionResult result;
    // The resumed run's view after the message, not finalized: the caller may go on with
    // transaction-level work (refunds, fees) and compare post-state roots.
    std::unique_ptr<state::StateView> view;
};

// Runs the check with gtest assertions (a fatal failure stops it; see HasFatalFailure()).
void check_resume(const ResumeInput& in, const ResumeOptions& options, ResumeOutcome& out);

// Field-by-field comparison with gtest assertions (write sets: tests/common/write_set_expect.hpp).
void expect_same_reads(const state::ReadSet& a, const state::ReadSet& b);

}  // namespace optimist::evm::test
