// A transaction executed step by step (see tx_run.hpp), with the deliberate faults of the
// fault-injection tests applied between steps (the interpreter itself is never touched).
#include "tx_run.hpp"

#include "footprint.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/tx/receipt.hpp>

#include <algorithm>

namespace optimist::proof::detail {

TxRun::TxRun(const StepContext& ctx, const StepState& start, MemoryWorld& created, Fault fault,
             const std::vector<Bytes>* ancestors)
    : ctx_(ctx), state_(start), created_(created), fault_(fault), ancestors_(ancestors) {
    if (fault_.kind == FaultKind::none || fault_.tx_index != start.tx_index) fault_.kind = FaultKind::none;
}

bool TxRun::finished() const noexcept { return state_.phase == Phase::block && steps_ > 0; }

StepState TxRun::snapshot_state() {
    if (dirty_) refresh_state();
    return state_;
}

void TxRun::refresh_state() {
    dirty_ = false;
    frames_.clear();
    auto s = machine_state(state_, *machine_, *view_, *reader_, &frames_, &entry_cache_);
    // machine_state cannot fail for a complete machine; keep the previous state otherwise.
    if (s) state_ = *s;
}

Status<std::string> TxRun::setup() {
    const tx::Transaction& t = *ctx_.tx;
    reader_ = std::make_unique<TrieStateReader>(ctx_.world, state_.state_root);
    view_ = std::make_unique<state::StateView>(*reader_);
    if (fault_.kind == FaultKind::skip_transaction) {
        state_.tx_index += 1;
        return {};
    }
    auto setup = exec::begin_transaction(*view_, ctx_.block, t);
    if (auto problem = reader_->problem()) return fail("setup: " + *problem);
    if (!setup) {
        state_.tx_index += 1;  // invalid: skipped (docs/protocol.md)
        return {};
    }
    setup_ = std::move(*setup);
    machine_ = std::make_unique<evm::Machine>(*view_, ctx_.block, setup_->context);
    machine_->start(setup_->message);
    if (fault_.kind == FaultKind::transfer_balance && t.to && !t.value.is_zero()) {
        view_->add_balance(*t.to, Uint256{1});
        fault_done_ = true;
    }
    if (fault_.kind == FaultKind::create_address && !t.to && !machine_->done()) inject_after_step(evm::op_create);
    if (auto problem = reader_->problem()) return fail("setup: " + *problem);
    state_.phase = machine_->done() ? Phase::done : Phase::evm;
    dirty_ = true;
    return {};
}

void TxRun::inject_after_step(std::uint8_t op) {
    if (fault_done_ || machine_->done()) return;
    auto rebuild = [this](evm::MachineImage image) {
        machine_ = std::make_unique<evm::Machine>(*view_, ctx_.block, setup_->context);
        (void)machine_->restore(std::move(image));
        fault_done_ = true;
    };
    using namespace evm;
    switch (fault_.kind) {
        case FaultKind::arithmetic:
            if (op == op_add || op == op_sub || op == op_mul) {
                MachineImage image = machine_->image();
                auto& stack = image.frames.back().stack;
                if (!stack.empty()) stack.back() = stack.back() + Uint256{1};
                rebuild(std::move(image));
            }
            break;
        case FaultKind::gas: {
            MachineImage image = machine_->image();
            if (!image.frames.empty() && image.frames.back().gas > 0) {
                image.frames.back().gas -= 1;
                rebuild(std::move(image));
            }
            break;
        }
        case FaultKind::create_address:
            if (op == op_create || op == op_create2) {
                MachineImage image = machine_->image();
                FrameImage& f = image.frames.back();
                if (f.kind == CallKind::create || f.kind == CallKind::create2) {
                    f.address[19] ^= 0x01;
                    f.code_address = f.address;
                    rebuild(std::move(image));
                }
            }
            break;
        default:
            break;
    }
}

Status<std::string> TxRun::settle() {
    if (dirty_) refresh_state();
    const tx::Transaction& t = *ctx_.tx;
    evm::ExecutionResult result = machine_->result();
    exec::TxOutcome out = exec::settle_transaction(*view_, ctx_.block, t, *setup_, result);
    if (fault_.kind == FaultKind::wrong_refund) {
        // One more gas refunded: the sender gets its price back, the receipt shows one less.
        view_->add_balance(t.sender, setup_->gas_price);
        out.gas_used -= 1;
        fault_done_ = true;
    }
    if (fault_.kind == FaultKind::wrong_log && !out.logs.empty()) {
        out.logs.front().data.push_back(0x01);
        fault_done_ = true;
    }
    if (auto problem = reader_->problem()) return fail("settle: " + *problem);
    const state::Substate sub = view_->substate();
    pending_.clear();
    for (const auto& e : sub.entries) {
        if (in_world_map(e.kind)) pending_.push_back(e);
    }
    std::sort(pending_.begin(), pending_.end(),
              [](const auto& a, const auto& b) { return entry_path(a) < entry_path(b); });
    StepState next;
    next.context = state_.context;
    next.tx_index = state_.tx_index;
    next.state_root = state_.state_root;
    next.gas_used = state_.gas_used + out.gas_used;
    receipt_ = tx::make_receipt(t.type, out.status == evm::StatusCode::success, next.gas_used, out.logs);
    next.receipts = receipts_chain_add(state_.receipts, tx::encode_receipt(*receipt_));
    SparseMerkleTree pending(kSubstateDepth);
    for (const auto& e : pending_) pending.set(entry_path(e), entry_leaf(e));
    next.pending_world = pending.root();
    if (pending_.empty()) {
        next.phase = Phase::block;
        next.tx_index += 1;
    } else {
        next.phase = Phase::commit;
    }
    state_ = next;
    dirty_ = false;
    return {};
}

Status<std::string> TxRun::commit_one() {
    const state::SubstateEntry e = pending_.front();
    pending_.erase(pending_.begin());
    if (e.kind == state::SubstateKind::account && !e.code.empty()) created_.add_code(e.code);
    const trie::NodeSink sink = [this](const Hash&, ByteView rlp) { created_.add_node(rlp); };
    auto root = write_entry(ctx_.world.nodes, state_.state_root, e, &sink);
    if (!root) return fail("commit: " + root.error());
    state_.state_root = *root;
    SparseMerkleTree pending(kSubstateDepth);
    for (const auto& p : pending_) pending.set(entry_path(p), entry_leaf(p));
    state_.pending_world = pending.root();
    if (pending_.empty()) {
        state_.phase = Phase::block;
        state_.tx_index += 1;
        state_.pending_world = Hash{};
    }
    return {};
}

Status<std::string> TxRun::step() {
    if (finished()) return {};
    ++steps_;
    trees_.reset();
    switch (state_.phase) {
        case Phase::block:
            return setup();
        case Phase::evm: {
            const evm::Frame& f = machine_->frames().back();
            const bool halted = f.halted;
            const std::uint8_t op = halted || f.pc >= f.code->size() ? 0 : f.code->padded()[f.pc];
            // SSTORE's operands, for the storage fault.
            const Address address = f.address;
            const auto live = f.live_stack();
            const Uint256 key = live.size() >= 2 ? live[live.size() - 1] : Uint256{};
            const Uint256 value = live.size() >= 2 ? live[live.size() - 2] : Uint256{};
            const std::size_t frames_before = machine_->frames().size();
            machine_->step();
            if (auto problem = reader_->problem()) return fail("step: " + *problem);
            // Keep the entry-substate cache aligned: a pushed frame is new, a popped one gone.
            const std::size_t frames_after = machine_->done() ? 0 : machine_->frames().size();
            if (frames_after < frames_before && entry_cache_.size() > frames_after) entry_cache_.resize(frames_after);
            if (frames_after > frames_before) {
                entry_cache_.resize(frames_before);
                entry_cache_.resize(frames_after);
            }
            if (!halted) inject_after_step(op);
            if (fault_.kind == FaultKind::storage_value && op == evm::op_sstore && !fault_done_ &&
                view_->storage(address, key) == value) {
                view_->set_storage(address, key, value + Uint256{1});
                fault_done_ = true;
            }
            if (machine_->done()) state_.phase = Phase::done;
            dirty_ = true;
            return {};
        }
        case Phase::done:
            return settle();
        case Phase::commit:
            return commit_one();
    }
    return {};
}

EntryWitness TxRun::entry_witness(const EntryKey& key) {
    EntryWitness w;
    w.key = key;
    if (!trees_) {
        // The current substate and its trees, kept until the next step.
        substate_ = view_ ? view_->substate() : state::Substate{};
        trees_ = substate_trees(substate_);
    }
    for (const auto& e : substate_.entries) {
        if (e.kind == key.kind && e.address == key.address && e.key == key.key) w.entry = e;
    }
    const SparseMerkleTree& tree = in_world_map(key.kind) ? trees_->world : trees_->tx;
    w.proof = tree.prove(entry_path(key.kind, key.address, key.key));
    return w;
}

Status<std::string> TxRun::open(StepProof& proof) {
    if (dirty_) refresh_state();
    proof.pre_state = state_.encode();
    switch (state_.phase) {
        case Phase::block:
            return {};
        case Phase::done:
            proof.logs = view_->logs();
            return {};
        case Phase::commit: {
            SparseMerkleTree pending(kSubstateDepth);
            for (const auto& p : pending_) pending.set(entry_path(p), entry_leaf(p));
            proof.commit_entry = pending_.front();
            proof.commit_proof = pending.prove(entry_path(pending_.front()));
            return {};
        }
        case Phase::evm:
            break;
    }
    const evm::MachineImage image = machine_->image();
    const std::size_t count = image.frames.size();
    const evm::FrameImage& top = image.frames.back();
    const bool exit = top.halted;
    const std::size_t opened = exit && count > 1 ? 2 : 1;
    std::vector<Hash> hashes;
    for (const auto& f : frames_) hashes.push_back(f.hash());
    proof.frames_base = frames_chain(Hash{}, std::span<const Hash>(hashes).first(count - opened));
    for (std::size_t i = count - opened; i < count; ++i) {
        proof.frames.push_back(frames_[i]);
        proof.frame_code.push_back(image.frames[i].code);
    }
    auto add_words = [&](std::uint8_t which, const evm::FrameImage& f, const WordRange& r) {
        if (r.count == 0) return;
        const SparseMerkleTree tree = memory_tree(f.memory);
        for (std::uint64_t w = r.first; w < r.first + r.count; ++w) {
            if (std::any_of(proof.memory.begin(), proof.memory.end(),
                            [&](const MemoryWitness& m) { return m.frame == which && m.word == w; }))
                continue;
            MemoryWitness m;
            m.frame = which;
            m.word = w;
            if (w * 32 + 32 <= f.memory.size()) std::copy_n(f.memory.begin() + static_cast<std::ptrdiff_t>(w * 32), 32, m.value.bytes.begin());
            m.proof = tree.prove(memory_path(w));
            proof.memory.push_back(std::move(m));
        }
    };
    if (!exit) {
        const std::uint8_t op = top.pc < top.code.size() ? top.code[top.pc] : std::uint8_t{0};
        const std::size_t needed = std::min<std::size_t>(top.stack.size(), static_cast<std::size_t>(evm::kOpTable[op].stack_in));
        const std::size_t below = top.stack.size() - needed;
        proof.stack_base = stack_chain(Hash{}, std::span<const Uint256>(top.stack).first(below));
        proof.stack.assign(top.stack.begin() + static_cast<std::ptrdiff_t>(below), top.stack.end());
        const Footprint fp = evm_footprint(op, proof.stack, top.gas, top.memory.size());
        for (const WordRange& r : fp.memory) add_words(0, top, r);
        if (fp.input) proof.input = top.input;
        if (fp.return_data) proof.return_data = top.return_data;
        if (op == evm::op_blockhash && ancestors_ != nullptr) proof.ancestors = *ancestors_;
    } else {
        proof.output = top.output;
        const bool may_revert = top.status != evm::StatusCode::success || top.kind == evm::CallKind::create ||
                                top.kind == evm::CallKind::create2;
        if (may_revert) {
            auto copy = state::StateView::deserialize(*reader_, view_->serialize());
            if (!copy) return fail("cannot copy the view: " + copy.error());
            copy->revert(top.snapshot);
            proof.entry_substate = commit_substate(copy->substate());
        }
        if (opened == 2 && top.kind != evm::CallKind::create && top.kind != evm::CallKind::create2)
            add_words(1, image.frames[count - 2], return_footprint(top.ret_offset, top.ret_size, top.output.size()));
    }
    return {};
}

}  // namespace optimist::proof::detail
