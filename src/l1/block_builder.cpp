#include "block_builder.hpp"

#include "dispute_factory.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/l1/output_oracle_abi.hpp>
#include <optimist/tx/intrinsic_gas.hpp>

namespace optimist::l1 {
namespace {

// In index order, passing over invalidated proposals and stopping at the first one still in
// its window or held: a later root extends the chain an earlier one claims, so it cannot
// settle first; an invalidated root claims nothing, so it holds nothing back.
void finalize_due(BlockState& s, const BuildParams& params, BuiltBlock& block) {
    const L1Config& config = s.config();
    const OpenGamesGate games(s);
    std::uint64_t i = s.ledger().first_unfinalized;
    for (; i < s.proposal_count(); ++i) {
        const OutputProposal& p = s.proposal(i);
        if (p.status == OutputStatus::invalidated) continue;
        if (!window_passed(p.l1_block, s.number(), config.challenge_window)) break;
        if (games.holds(p, s.number()) || (params.gate && params.gate->holds(p, s.number()))) break;
        OutputProposal& settled = s.mutable_proposal(i);
        settled.status = OutputStatus::finalized;
        s.transfer(config.output_oracle, settled.proposer, settled.bond);
    }
    block.first_unfinalized = i;
}

}  // namespace

BuiltBlock build_block(const Ledger& ledger, std::span<const PendingTx> pending, const BuildParams& params) {
    BuiltBlock block;
    tx::BlockHeader& h = block.header;
    h = tx::cancun_header();
    h.parent_hash = ledger.head_hash;
    h.number = ledger.head.number + 1;
    h.timestamp = params.timestamp;
    h.gas_limit = params.gas_limit;
    h.base_fee_per_gas = params.base_fee;
    // No beacon chain: a value every node derives alike, as the sequencer does.
    h.mix_hash = keccak256(ledger.head_hash);

    BlockState state(ledger, block.changes, h.number);
    const L1Config& config = ledger.config;
    const MoveContext moves{params.referee, h.number, ledger.head.number};
    std::optional<std::uint64_t> last_l2_block;
    if (state.proposal_count() > 0) last_l2_block = state.proposal(state.proposal_count() - 1).l2_block;

    // Before the transactions: a move in this block by a party out of time finds its game over.
    expire_games(state);

    std::vector<tx::Transaction> txs;
    for (const PendingTx& p : pending) {
        const tx::Transaction& t = p.tx;
        const std::uint64_t gas = tx::intrinsic_gas(t);
        if (h.gas_used + gas > params.gas_limit) break;
        ++block.consumed;

        Account& sender = state.account(t.sender);
        const Uint256 fee = Uint256(gas) * params.base_fee;
        const Uint256 cost = fee + t.value;
        if (t.nonce != sender.nonce) {
            block.dropped.push_back({&p, t.nonce < sender.nonce ? "nonce too low" : "nonce too high"});
            continue;
        }
        if (cost < fee || sender.balance < cost) {
            block.dropped.push_back({&p, "insufficient funds for gas * price + value"});
            continue;
        }
        sender.nonce += 1;
        sender.balance -= fee;  // burned: the stub has no block rewards to pay
        h.gas_used += gas;

        L1Receipt r;
        r.tx_hash = p.hash;
        r.block_number = h.number;
        r.index = static_cast<std::uint32_t>(txs.size());
        r.gas_used = gas;
        r.from = t.sender;
        r.to = t.to;
        r.success = true;
        // Admission refuses contract creation, so `to` is set.
        const Address to = t.to.value_or(Address{});
        std::optional<std::string> failure;
        if (to == config.output_oracle) {
            failure = check_proposal(t.data, t.value, config.min_bond, last_l2_block);
            if (!failure) {
                auto call = decode_propose_call(t.data);
                OutputProposal proposal;
                proposal.index = state.proposal_count();
                proposal.proposer = t.sender;
                proposal.l2_block = call->l2_block;
                proposal.output_root = call->output_root;
                proposal.bond = t.value;
                proposal.l1_block = h.number;
                state.add_proposal(proposal);
                last_l2_block = call->l2_block;
            }
        } else if (to == config.dispute_game_factory) {
            failure = apply_factory_call(state, moves, t.sender, t.value, t.data);
        } else if (to == config.batch_inbox) {
            block.inbox.push_back(InboxEntry{h.number, r.index, t.sender, t.data, p.hash});
        }
        if (failure) {
            r.success = false;
            r.failure_reason = std::move(*failure);
        } else {
            // The oracle and the factory hold bonds in their own balances until they pay them out.
            state.transfer(t.sender, to, t.value);
        }
        txs.push_back(t);
        block.included.push_back({&p, std::move(r)});
    }
    h.transactions_root = tx::transactions_root(txs);

    finalize_due(state, params, block);

    block.hash = tx::header_hash(h);
    for (auto& inc : block.included) inc.receipt.block_hash = block.hash;
    return block;
}

}  // namespace optimist::l1
