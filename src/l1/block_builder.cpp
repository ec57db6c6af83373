#include "block_builder.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/l1/output_oracle_abi.hpp>
#include <optimist/tx/intrinsic_gas.hpp>

namespace optimist::l1 {
namespace {

// Touched accounts, read through to the ledger on first use.
class AccountOverlay {
public:
    AccountOverlay(const Ledger& ledger, std::map<Address, Account>& out) : ledger_(ledger), out_(out) {}
    // std::map never moves its nodes, so the reference stays valid across later calls.
    Account& at(const Address& a) {
        auto it = out_.find(a);
        if (it == out_.end()) it = out_.emplace(a, ledger_.account(a)).first;
        return it->second;
    }

private:
    const Ledger& ledger_;
    std::map<Address, Account>& out_;
};

void finalize_due(const Ledger& ledger, const BuildParams& params, BuiltBlock& block,
                  AccountOverlay& accounts) {
    const std::uint64_t number = block.header.number;
    const std::size_t stored = ledger.proposals.size();
    std::uint64_t i = ledger.first_unfinalized;
    // In index order, stopping at the first proposal still in its window or held: a later
    // root extends the chain an earlier one claims, so it cannot settle first.
    for (; i < stored + block.new_proposals.size(); ++i) {
        const bool is_new = i >= stored;
        OutputProposal p = is_new ? block.new_proposals[i - stored] : ledger.proposals[i];
        if (!window_passed(p.l1_block, number, ledger.config.challenge_window)) break;
        if (params.gate && params.gate->holds(p, number)) break;
        p.status = OutputStatus::finalized;
        accounts.at(ledger.config.output_oracle).balance -= p.bond;
        accounts.at(p.proposer).balance += p.bond;
        if (is_new) {
            block.new_proposals[i - stored] = p;
        } else {
            block.finalized.push_back(p);
        }
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

    AccountOverlay accounts(ledger, block.accounts);
    const L1Config& config = ledger.config;
    std::optional<std::uint64_t> last_l2_block;
    if (!ledger.proposals.empty()) last_l2_block = ledger.proposals.back().l2_block;

    std::vector<tx::Transaction> txs;
    for (const PendingTx& p : pending) {
        const tx::Transaction& t = p.tx;
        const std::uint64_t gas = tx::intrinsic_gas(t);
        if (h.gas_used + gas > params.gas_limit) break;
        ++block.consumed;

        Account& sender = accounts.at(t.sender);
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
        if (to == config.output_oracle) {
            if (auto failure = check_proposal(t.data, t.value, config.min_bond, last_l2_block)) {
                r.success = false;
                r.failure_reason = std::move(*failure);
            } else {
                auto call = decode_propose_call(t.data);
                OutputProposal proposal;
                proposal.index = ledger.proposals.size() + block.new_proposals.size();
                proposal.proposer = t.sender;
                proposal.l2_block = call->l2_block;
                proposal.output_root = call->output_root;
                proposal.bond = t.value;
                proposal.l1_block = h.number;
                block.new_proposals.push_back(proposal);
                last_l2_block = call->l2_block;
            }
        } else if (to == config.batch_inbox) {
            block.inbox.push_back(InboxEntry{h.number, r.index, t.sender, t.data, p.hash});
        }
        if (r.success) {
            // The oracle holds bonds in its own balance until finalization pays them back.
            accounts.at(t.sender).balance -= t.value;
            accounts.at(to).balance += t.value;
        }
        txs.push_back(t);
        block.included.push_back({&p, std::move(r)});
    }
    h.transactions_root = tx::transactions_root(txs);

    finalize_due(ledger, params, block, accounts);

    block.hash = tx::header_hash(h);
    for (auto& inc : block.included) inc.receipt.block_hash = block.hash;
    return block;
}

}  // namespace optimist::l1
