#include "resume_harness.hpp"

#include "../common/write_set_expect.hpp"

#include <optimist/evm/machine_image.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace optimist::evm::test {

namespace {

std::unique_ptr<state::StateView> fresh_view(const ResumeInput& in) {
    auto view = std::make_unique<state::StateView>(*in.reader);
    if (in.prepare) in.prepare(*view);
    return view;
}

// A view's copy through its image: StateView is not copyable, and this also exercises the
// round trip once more.
std::unique_ptr<state::StateView> copy_of(const state::StateReader& reader, const state::StateView& view) {
    auto copy = state::StateView::deserialize(reader, view.serialize());
    EXPECT_TRUE(copy.ok()) << copy.error();
    return copy.ok() ? std::make_unique<state::StateView>(std::move(*copy)) : nullptr;
}

// Snapshots are journal positions, which differ between a view that ran the whole message
// and one preloaded from a substate; everything else must match.
Bytes encode_without_snapshots(MachineImage image) {
    for (FrameImage& f : image.frames) f.snapshot = 0;
    return encode(image);
}

bool is_checkpoint(std::uint64_t step, const ResumeOptions& o) {
    const bool power_of_two = (step & (step - 1)) == 0;
    return power_of_two || (step < o.every_step_limit && step % o.check_every == 0);
}

// The one-step verifier's view of the next step: only the substate and the machine image,
// no journal. A halted top frame is skipped: its transition may revert to the frame's entry,
// which a verifier proves from the committed dirty-map root at entry, not from a journal.
struct PreloadedStep {
    std::unique_ptr<state::StateView> view;
    std::unique_ptr<Machine> machine;
};

void preload_next_step(const ResumeInput& in, const Machine& ref, const state::StateView& ref_view,
                       AnalysisCache& cache, PreloadedStep& out) {
    const state::Substate sub = ref_view.substate();
    out.view = std::make_unique<state::StateView>(*in.reader);
    auto loaded = out.view->preload(sub);
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    ASSERT_EQ(out.view->substate(), sub);
    MachineImage image = ref.image();
    for (FrameImage& f : image.frames) f.snapshot = 0;
    out.machine = std::make_unique<Machine>(*out.view, *in.block, *in.tx, &cache);
    auto restored = out.machine->restore(std::move(image));
    ASSERT_TRUE(restored.ok()) << restored.error();
    out.machine->step();
}

// Stops: encodes the machine and its view, destroys both, decodes fresh ones. The resumed
// machine takes its analyses from a cache that outlives the machines (as a verifier's would),
// or on every other step from its own empty one.
void stop_and_resume(const ResumeInput& in, std::uint64_t step, bool check_canonical, AnalysisCache& cache,
                     std::unique_ptr<Machine>& machine, std::unique_ptr<state::StateView>& view,
                     ResumeStats& stats) {
    const Bytes machine_bytes = encode(machine->image());
    const Bytes view_bytes = view->serialize();
    stats.max_image_bytes = std::max(stats.max_image_bytes, machine_bytes.size() + view_bytes.size());
    machine.reset();
    view.reset();

    auto decoded_view = state::StateView::deserialize(*in.reader, view_bytes);
    ASSERT_TRUE(decoded_view.ok()) << "step " << step << ": " << decoded_view.error();
    view = std::make_unique<state::StateView>(std::move(*decoded_view));
    auto image = decode_machine_image(machine_bytes);
    ASSERT_TRUE(image.ok()) << "step " << step << ": " << image.error();
    machine = std::make_unique<Machine>(*view, *in.block, *in.tx, step % 2 == 0 ? &cache : nullptr);
    auto restored = machine->restore(std::move(*image));
    ASSERT_TRUE(restored.ok()) << "step " << step << ": " << restored.error();
    ++stats.resumes;
    if (check_canonical) {
        // One encoding per image: decoding and encoding again gives the same bytes.
        ASSERT_EQ(encode(machine->image()), machine_bytes) << "step " << step;
        ASSERT_EQ(view->serialize(), view_bytes) << "step " << step;
    }
}

}  // namespace


void expect_same_reads(const state::ReadSet& a, const state::ReadSet& b) {
    EXPECT_EQ(a.accounts, b.accounts);
    EXPECT_EQ(a.storage, b.storage);
}

void check_resume(const ResumeInput& in, const ResumeOptions& options, ResumeOutcome& out) {
    // The uninterrupted run, with the fast loop.
    std::unique_ptr<state::StateView> fast_view = fresh_view(in);
    AnalysisCache fast_cache;
    Machine fast(*fast_view, *in.block, *in.tx, &fast_cache);
    fast.start(*in.msg);
    fast.run();

    // The reference, stepped in lockstep without ever stopping.
    std::unique_ptr<state::StateView> ref_view = fresh_view(in);
    AnalysisCache ref_cache;
    Machine ref(*ref_view, *in.block, *in.tx, &ref_cache);
    ref.start(*in.msg);

    // The resumed run.
    std::unique_ptr<state::StateView> view = fresh_view(in);
    AnalysisCache cache;
    auto machine = std::make_unique<Machine>(*view, *in.block, *in.tx, &cache);
    machine->start(*in.msg);

    ResumeStats& stats = out.stats;
    for (std::uint64_t step = 0;; ++step) {
        // The reference stops at every_step_limit; until then every step is compared.
        const bool lockstep = step <= options.every_step_limit;
        const bool checkpoint = lockstep && (is_checkpoint(step, options) || ref.done());
        if (step < options.every_step_limit || step % options.stride == 0) {
            stop_and_resume(in, step, checkpoint, cache, machine, view, stats);
            if (::testing::Test::HasFatalFailure()) return;
        }
        if (lockstep) {
            ASSERT_EQ(machine->done(), ref.done()) << "step " << step;
            ASSERT_EQ(machine->frames().size(), ref.frames().size()) << "step " << step;
            stats.max_frames = std::max(stats.max_frames, ref.frames().size());
            if (!ref.done()) {
                ASSERT_EQ(machine->frames().back().pc, ref.frames().back().pc) << "step " << step;
                ASSERT_EQ(machine->frames().back().gas, ref.frames().back().gas) << "step " << step;
            }
        }
        if (checkpoint) {
            ++stats.checkpoints;
            ASSERT_EQ(encode(machine->image()), encode(ref.image())) << "step " << step;
            ASSERT_EQ(view->serialize(), ref_view->serialize()) << "step " << step;
            ASSERT_EQ(view->substate(), ref_view->substate()) << "step " << step;
        }
        if (machine->done()) break;
        if (step >= options.stepped_limit) {
            machine->run();
            break;
        }

        const bool ref_steps = step < options.every_step_limit;
        PreloadedStep preloaded;
        const bool preload = checkpoint && ref_steps && options.check_preload && !ref.frames().back().halted;
        if (preload) {
            preload_next_step(in, ref, *ref_view, cache, preloaded);
            if (::testing::Test::HasFatalFailure()) return;
        }
        machine->step();
        if (ref_steps) ref.step();
        stats.steps = step + 1;
        if (preload) {
            ++stats.preload_checks;
            ASSERT_EQ(preloaded.view->substate(), ref_view->substate()) << "preloaded step " << step;
            ASSERT_EQ(encode_without_snapshots(preloaded.machine->image()), encode_without_snapshots(ref.image()))
                << "preloaded step " << step;
        }
    }

    // Everything the message produced, against the uninterrupted fast run.
    ASSERT_TRUE(machine->done());
    EXPECT_EQ(machine->result(), fast.result());
    EXPECT_EQ(view->logs(), fast_view->logs());
    EXPECT_EQ(view->refund(), fast_view->refund());
    EXPECT_EQ(view->substate(), fast_view->substate());
    optimist::test_common::expect_same_writes(view->write_set(), fast_view->write_set());
    expect_same_reads(view->read_set(), fast_view->read_set());
    // And after the end-of-transaction rules (EIP-161, EIP-6780), on copies.
    auto finalized = copy_of(*in.reader, *view);
    ASSERT_NE(finalized, nullptr);
    finalized->finalize();
    fast_view->finalize();
    optimist::test_common::expect_same_writes(finalized->write_set(), fast_view->write_set());

    out.result = machine->result();
    machine.reset();
    out.view = std::move(view);
}

}  // namespace optimist::evm::test
