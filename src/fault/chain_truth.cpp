// ChainTruth: output roots from a node's chain store, step machines over its stored state.
#include <optimist/chain/chain_store.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/state/state_store.hpp>

namespace optimist::fault {

proof::ChainRules chain_rules(const sequencer::Genesis& genesis) {
    proof::ChainRules r;
    r.chain_id = genesis.chain_id;
    r.gas_limit = genesis.gas_limit;
    r.fee_recipient = genesis.fee_recipient;
    return r;
}

proof::ChainRules chain_rules(const sequencer::Node& node) { return chain_rules(node.genesis()); }

ChainTruth::ChainTruth(const sequencer::Node& node, std::optional<FaultPlan> fault)
    : node_(node), fault_(std::move(fault)) {}

Result<Hash, std::string> ChainTruth::output_root(std::uint64_t l2_block) {
    if (fault_ && fault_->l2_block == l2_block && fault_->fault.kind != proof::FaultKind::none) {
        auto p = prover(l2_block);
        if (!p) return fail(p.error());
        return (*p)->output_root();
    }
    auto header = node_.chain().header_by_number(l2_block);
    if (!header) return fail("L2 block " + std::to_string(l2_block) + " is not in the chain yet");
    return rollup::output_root(header->state_root, Hash{}, tx::header_hash(*header));
}

Result<proof::BlockProver*, std::string> ChainTruth::prover(std::uint64_t l2_block) {
    const std::lock_guard lock(mutex_);
    if (auto it = provers_.find(l2_block); it != provers_.end()) return it->second.get();
    if (l2_block == 0) return fail(std::string("block 0 (genesis) executes nothing"));
    const chain::ChainStore& chain = node_.chain();
    auto block = chain.block_by_number(l2_block);
    auto parent = chain.header_by_number(l2_block - 1);
    if (!block || !parent) return fail("L2 block " + std::to_string(l2_block) + " is not in the chain yet");
    std::vector<Bytes> ancestors;  // the parent's own ancestors, for BLOCKHASH
    for (std::uint64_t n = l2_block - 1; n > 0 && ancestors.size() < 255; --n) {
        auto h = chain.header_by_number(n - 1);
        if (!h) break;
        ancestors.push_back(tx::encode_header(*h));
    }
    proof::BlockInputs in;
    in.number = l2_block;
    in.timestamp = block->header.timestamp;
    in.txs = block->transactions;
    const state::StateStore& state = node_.state();
    proof::World world;
    world.nodes = [&state](const Hash& h) { return state.node(h); };
    world.code = [&state](const Hash& h) -> std::optional<Bytes> {
        Bytes code = state.read_code(h);
        if (code.empty()) return std::nullopt;
        return code;
    };
    proof::Fault fault;
    if (fault_ && fault_->l2_block == l2_block) fault = fault_->fault;
    auto prover = proof::BlockProver::create(chain_rules(node_), std::move(in), *parent, std::move(ancestors),
                                             std::move(world), fault);
    if (!prover) return fail("re-executing L2 block " + std::to_string(l2_block) + ": " + prover.error());
    proof::BlockProver* raw = prover->get();
    provers_.emplace(l2_block, std::move(*prover));
    return raw;
}

}  // namespace optimist::fault
