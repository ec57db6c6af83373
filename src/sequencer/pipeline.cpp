#include <optimist/core/logging.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>

namespace optimist::sequencer {

Pipeline::Pipeline(Node& node, l1::L1& l1, PipelineConfig config)
    : node_(node), config_(std::move(config)), batcher_(node, l1, config_.batcher, config_),
      proposer_(node, l1, config_.proposer, config_) {
    node_.update_rollup_status([](RollupStatus& s) { s.l1_enabled = true; });
}

Pipeline::~Pipeline() { stop(); }

void Pipeline::step() {
    auto batched = batcher_.step();
    if (batched) {
        if (auto proposed = proposer_.step(); !proposed) logging::warn("proposer", proposed.error());
    }
    const bool reachable = batched.ok();
    node_.update_rollup_status([&](RollupStatus& s) { s.l1_reachable = reachable; });
    if (!batched) {
        // An unreachable L1 is reported once, not every poll, until it answers again.
        if (!warned_unreachable_) logging::warn("batcher", batched.error() + " (will retry)");
        warned_unreachable_ = true;
    } else if (warned_unreachable_) {
        logging::info("batcher", "L1 reachable again");
        warned_unreachable_ = false;
    }
}

void Pipeline::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        while (true) {
            step();
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, config_.poll, [&] { return stopping_; })) return;
        }
    });
}

void Pipeline::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace optimist::sequencer
