// The one-step verifier: block setup and finalization, and every step of a transaction
// (setup, EVM instruction or frame exit, settle, commit). See one_step.hpp.
#include "footprint.hpp"
#include "step_support.hpp"
#include "witnessed_substate.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/evm/machine.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/exec/apply_transaction.hpp>
#include <optimist/exec/block_executor.hpp>
#include <optimist/proof/one_step.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/state/account.hpp>
#include <optimist/trie/partial_trie.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>

#include <map>

namespace optimist::proof {

namespace {

using detail::WitnessedSubstate;

StepError error(std::string message) { return StepError{std::move(message), {}}; }

// ---- block setup and finalization ------------------------------------------------------------

Result<Hash, StepError> verify_block_setup(const ChainRules& rules, const BlockInputs& inputs, const Hash& pre,
                                           const StepProof& p) {
    const Hash parent_hash = keccak256(p.parent_header);
    if (rollup::output_root(p.parent_state_root, p.parent_message_root, parent_hash) != pre)
        return fail(error("the parent's output root preimage does not match the agreed output root"));
    auto parent = tx::decode_header(p.parent_header);
    if (!parent) return fail(error("the parent header does not decode"));
    if (parent->state_root != p.parent_state_root) return fail(error("the parent header's state root differs from the output's"));
    if (parent->number + 1 != inputs.number) return fail(error("the parent header is not block " + std::to_string(inputs.number - 1)));
    const tx::BlockHeader header =
        tx::child_header_template(*parent, parent_hash, inputs.timestamp, rules.fee_recipient, rules.gas_limit);
    StepState post;
    post.phase = Phase::block;
    post.context = tx::header_hash(header);
    post.state_root = parent->state_root;
    return post.commitment();
}

Result<Hash, StepError> verify_block_finalize(const BlockInputs& inputs, const StepState& s, const tx::BlockHeader& header,
                                              const StepProof& p) {
    if (s.phase != Phase::block || s.tx_index != inputs.txs.size())
        return fail(error("block finalization needs the state after the block's last transaction"));
    if (p.receipts.size() != inputs.txs.size()) return fail(error("the proof must carry every receipt of the block"));
    std::vector<tx::Receipt> receipts;
    Hash chain;
    for (const Bytes& r : p.receipts) {
        auto receipt = tx::decode_receipt(r);
        if (!receipt) return fail(error("a receipt does not decode"));
        chain = receipts_chain_add(chain, tx::encode_receipt(*receipt));
        receipts.push_back(std::move(*receipt));
    }
    if (chain != s.receipts) return fail(error("the receipts do not match the committed receipts chain"));
    tx::BlockHeader h = header;
    h.state_root = s.state_root;
    h.gas_used = s.gas_used;
    h.transactions_root = tx::transactions_root(inputs.txs);
    h.receipts_root = tx::receipts_root(receipts);
    h.logs_bloom = tx::block_bloom(receipts);
    return rollup::output_root(h.state_root, Hash{}, tx::header_hash(h));
}

// ---- the world and code a step reads ------------------------------------------------------------

World witness_world(const StepProof& p) {
    MemoryWorld mw;
    for (const Bytes& n : p.nodes) mw.add_node(n);
    for (const Bytes& c : p.codes) mw.add_code(c);
    return mw.world();
}

// ---- transaction setup ---------------------------------------------------------------------------

Result<Hash, StepError> verify_tx_setup(const StepContext& ctx, const StepState& s) {
    const tx::Transaction& t = *ctx.tx;
    TrieStateReader reader(ctx.world, s.state_root);
    state::StateView view(reader);
    auto setup = exec::begin_transaction(view, ctx.block, t);
    if (auto problem = reader.problem()) return fail(error(*problem));
    StepState post = s;
    if (!setup) {
        // An invalid transaction is skipped: no state change, no receipt.
        post.tx_index += 1;
        return post.commitment();
    }
    evm::Machine machine(view, ctx.block, setup->context);
    machine.start(setup->message);
    if (auto problem = reader.problem()) return fail(error(*problem));
    auto state = detail::machine_state(s, machine, view, reader, nullptr);
    if (!state) return fail(std::move(state.error()));
    return state->commitment();
}

// ---- settle: refund, fees and the receipt ----------------------------------------------------------

Result<Hash, StepError> verify_settle(const StepContext& ctx, const StepState& s, const StepProof& p) {
    if (p.logs.size() != s.substate.log_count || logs_chain(Hash{}, p.logs) != s.substate.logs)
        return fail(error("settling needs the transaction's logs, matching the committed chain"));
    WitnessedSubstate sub;
    if (auto l = sub.load(p.entries, s.substate); !l) return fail(std::move(l.error()));
    TrieStateReader reader(ctx.world, s.state_root, &sub.listed());
    state::StateView view(reader);
    if (auto r = view.preload(sub.preload(s.substate.refund, p.logs)); !r) return fail(error("preload: " + r.error()));
    const tx::Transaction& t = *ctx.tx;
    const exec::TxSetup setup = exec::describe_transaction(ctx.block, t);
    evm::ExecutionResult result;
    result.status = static_cast<evm::StatusCode>(s.status);
    result.gas_left = s.gas_left;
    const exec::TxOutcome out = exec::settle_transaction(view, ctx.block, t, setup, result);
    if (auto k = reader.missing()) return fail(StepError{"the step reads " + to_string(*k) + ", which the proof does not open", *k});
    if (auto problem = reader.problem()) return fail(error(*problem));
    auto committed = sub.commit(view, s.substate, p.logs.size());
    if (!committed) return fail(std::move(committed.error()));

    StepState post;
    post.context = s.context;
    post.tx_index = s.tx_index;
    post.gas_used = s.gas_used + out.gas_used;
    const tx::Receipt receipt = tx::make_receipt(t.type, out.status == evm::StatusCode::success, post.gas_used, out.logs);
    post.receipts = receipts_chain_add(s.receipts, tx::encode_receipt(receipt));
    post.state_root = s.state_root;
    post.pending_world = committed->world_root;
    if (post.pending_world.is_zero()) {
        post.phase = Phase::block;
        post.tx_index += 1;
    } else {
        post.phase = Phase::commit;
    }
    return post.commitment();
}

// ---- commit: one dirty world entry into the trie ---------------------------------------------------

Result<Hash, StepError> verify_commit(const StepContext& ctx, const StepState& s, const StepProof& p) {
    if (!p.commit_entry || !in_world_map(p.commit_entry->kind)) return fail(error("a commit step needs the entry it writes"));
    const state::SubstateEntry& e = *p.commit_entry;
    PartialMerkleTree pending(kSubstateDepth, s.pending_world);
    const Path path = entry_path(e);
    if (auto a = pending.add(path, entry_leaf(e), p.commit_proof); !a) return fail(error("commit entry: " + a.error()));
    if (!pending.is_first(path)) return fail(error("the commit entry is not the leftmost pending entry"));
    pending.set(path, Hash{});

    auto written = detail::write_entry(ctx.world.nodes, s.state_root, e, nullptr);
    if (!written) return fail(error("commit: " + written.error()));

    StepState post = s;
    post.state_root = *written;
    post.pending_world = pending.root();
    if (post.pending_world.is_zero()) {
        post.phase = Phase::block;
        post.tx_index += 1;
    }
    return post.commitment();
}

// ---- one EVM step -------------------------------------------------------------------------------------

Result<Hash, StepError> verify_evm(const StepContext& ctx, const StepState& s, const StepProof& p) {
    auto partial = detail::open_machine(s, p);
    if (!partial) return fail(std::move(partial.error()));
    detail::PartialMachine& pm = *partial;
    if (!pm.exit && pm.op == evm::op_blockhash && !pm.image.frames.back().stack.empty()) {
        // BLOCKHASH of one of the 256 previous blocks needs that block's hash.
        const Uint256& n = pm.image.frames.back().stack.back();
        const std::uint64_t number = ctx.block.number;
        if (n.fits_u64() && n.w[0] < number && number - n.w[0] <= 256 && !ctx.ancestors.contains(n.w[0]))
            return fail(error("BLOCKHASH needs the headers back to block " + std::to_string(n.w[0])));
    }

    WitnessedSubstate sub;
    if (auto l = sub.load(p.entries, s.substate); !l) return fail(std::move(l.error()));
    // Instructions that read a slot of the substate's own maps must see it opened: the view
    // would otherwise read a dirty slot as clean.
    if (auto k = detail::required_entry(pm); k && !sub.lists(*k))
        return fail(StepError{"the step reads " + to_string(*k) + ", which the proof does not open", *k});

    TrieStateReader reader(ctx.world, s.state_root, &sub.listed());
    state::StateView view(reader);
    if (auto r = view.preload(sub.preload(s.substate.refund, {})); !r) return fail(error("preload: " + r.error()));
    evm::Machine machine(view, ctx.block, ctx.tx_context);
    if (auto r = machine.restore(pm.image); !r) return fail(error("the revealed frames do not form a machine: " + r.error()));
    machine.step();
    if (auto k = reader.missing()) return fail(StepError{"the step reads " + to_string(*k) + ", which the proof does not open", *k});
    if (auto problem = reader.problem()) return fail(error(*problem));
    auto post = detail::machine_state_after(s, pm, machine, view, reader, sub, p);
    if (!post) return fail(std::move(post.error()));
    return post->commitment();
}

}  // namespace

Result<Hash, StepError> verify_step(const ChainRules& rules, const BlockInputs& inputs, const Hash& pre,
                                    const StepProof& p, const World* world) {
    if (p.l2_block != inputs.number) return fail(error("the proof is for block " + std::to_string(p.l2_block)));
    if (p.kind == StepKind::block_setup) return verify_block_setup(rules, inputs, pre, p);

    auto s = decode_step_state(p.pre_state);
    if (!s) return fail(error(s.error()));
    if (s->commitment() != pre) return fail(error("the proof's pre-state does not match the agreed commitment"));
    auto header = tx::decode_header(p.header);
    if (!header || tx::header_hash(*header) != s->context)
        return fail(error("the proof's block header does not match the state's context"));
    if (p.kind == StepKind::block_finalize) return verify_block_finalize(inputs, *s, *header, p);

    // A transaction step.
    if (p.tx_index >= inputs.txs.size()) return fail(error("block has no transaction " + std::to_string(p.tx_index)));
    if (s->phase == Phase::block) {
        if (s->tx_index == p.tx_index + 1) return pre;  // finished: the trace stays put
        if (s->tx_index != p.tx_index) return fail(error("the state is not at the disputed transaction"));
    } else if (s->tx_index != p.tx_index) {
        return fail(error("the state is inside another transaction"));
    }
    auto ancestors = detail::ancestor_hashes(*header, p.ancestors);
    if (!ancestors) return fail(error(ancestors.error()));
    StepContext ctx;
    ctx.tx = &inputs.txs[p.tx_index];
    ctx.ancestors = std::move(*ancestors);
    ctx.block = exec::block_context(*header, rules.chain_id, [a = ctx.ancestors](std::uint64_t n) {
        auto it = a.find(n);
        return it == a.end() ? Hash{} : it->second;
    });
    ctx.tx_context = exec::describe_transaction(ctx.block, *ctx.tx).context;
    ctx.world = world != nullptr ? *world : witness_world(p);

    switch (s->phase) {
        case Phase::block:
            return verify_tx_setup(ctx, *s);
        case Phase::evm:
            return verify_evm(ctx, *s, p);
        case Phase::done:
            return verify_settle(ctx, *s, p);
        case Phase::commit:
            return verify_commit(ctx, *s, p);
    }
    return fail(error("unknown phase"));
}

}  // namespace optimist::proof
