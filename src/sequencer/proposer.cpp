#include <optimist/chain/chain_store.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/l1/output_oracle_abi.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>

namespace optimist::sequencer {
namespace {

constexpr std::string_view kLog = "proposer";
constexpr std::uint64_t kOutputsPerRequest = 1'000;
// Proposals sent in one step at most (each is one L1 transaction).
constexpr std::size_t kMaxProposalsPerStep = 32;

}  // namespace

std::optional<Hash> output_root_at(const Node& node, std::uint64_t number) {
    auto header = node.chain().header_by_number(number);
    if (!header) return std::nullopt;
    // The message-passer storage root is zero until withdrawals exist (DESIGN decision 7).
    return rollup::output_root(header->state_root, Hash{}, tx::header_hash(*header));
}

Proposer::Proposer(Node& node, l1::L1& l1, const ProposerConfig& config, const PipelineConfig& fees)
    : node_(node), l1_(l1), config_(config), sender_(l1, config.key, fees.l1_max_fee, fees.l1_priority_fee) {
    if (config_.interval == 0) config_.interval = 1;
}

Status<std::string> Proposer::step() {
    // Read every proposal not known to be final: statuses change as the window passes.
    std::vector<l1::OutputProposal> open;
    for (std::uint64_t from = first_open_index_;;) {
        auto page = l1_.outputs(from, kOutputsPerRequest);
        if (!page) return fail("L1 outputs: " + page.error().message);
        open.insert(open.end(), page->begin(), page->end());
        if (page->size() < kOutputsPerRequest) break;
        from += page->size();
    }
    std::uint64_t finalized = 0;
    std::uint64_t proposed = 0;
    std::vector<std::pair<std::uint64_t, ProposalRef>> ours;
    bool all_final_so_far = true;
    for (const l1::OutputProposal& p : open) {
        // Settled either way: finalized, or invalidated by a dispute game (it never changes again).
        const bool settled = p.status == l1::OutputStatus::finalized || p.status == l1::OutputStatus::invalidated;
        if (all_final_so_far && settled) {
            first_open_index_ = p.index + 1;
        } else {
            all_final_so_far = false;
        }
        if (p.proposer != sender_.address()) continue;
        ours.push_back({p.l2_block, ProposalRef{p.index, p.l1_block, p.output_root, p.status}});
        proposed = std::max(proposed, p.l2_block);
        // Only a root this node agrees with makes its block final here.
        if (p.status == l1::OutputStatus::finalized && output_root_at(node_, p.l2_block) == p.output_root)
            finalized = std::max(finalized, p.l2_block);
    }
    std::uint64_t safe = 0;
    node_.update_rollup_status([&](RollupStatus& s) {
        for (auto& [block, ref] : ours) s.proposals[block] = ref;
        s.proposed_l2 = std::max(s.proposed_l2, proposed);
        s.finalized_l2 = std::max(s.finalized_l2, finalized);
        safe = s.safe_l2;
        proposed = s.proposed_l2;
    });

    auto unmined = sender_.has_unmined();
    if (!unmined) return fail("L1 nonce: " + unmined.error());
    if (*unmined) return {};  // one proposal in flight at a time
    for (const auto& [tx_hash, block] : in_flight_) {
        auto receipt = l1_.receipt(tx_hash);
        if (!receipt) return fail("L1 receipt: " + receipt.error().message);
        if (*receipt && !(*receipt)->success) {
            logging::error(kLog, "the proposal for L2 block " + std::to_string(block) + " failed on L1: " +
                                     (*receipt)->failure_reason);
            failed_block_ = block;
        }
    }
    in_flight_.clear();

    if (!l1_config_) {
        auto config = l1_.config();
        if (!config) return fail("L1 config: " + config.error().message);
        l1_config_ = *config;
    }
    const Uint256 bond = config_.bond.value_or(l1_config_->min_bond);
    // Every due root up to the safe head goes out now (consecutive nonces), so the proposer
    // keeps up with L2 blocks that come faster than L1 blocks.
    Status<std::string> result;
    for (std::size_t sent = 0; sent < kMaxProposalsPerStep; ++sent) {
        const std::uint64_t next = (proposed / config_.interval + 1) * config_.interval;
        if (next > safe || failed_block_ == next) break;  // propose only what anyone can re-derive from L1
        auto root = output_root_at(node_, next);
        if (!root) {
            result = fail("L2 block " + std::to_string(next) + " is missing from the chain store");
            break;
        }
        if (config_.override_root) {
            if (auto wrong = config_.override_root(next, *root)) {
                logging::warn(kLog, "fault injection: proposing " + to_hex(wrong->view()) + " instead of " +
                                        to_hex(root->view()) + " for L2 block " + std::to_string(next));
                root = *wrong;
            }
        }
        auto hash = sender_.send(l1_config_->output_oracle, l1::encode_propose_call({*root, next}), bond);
        if (!hash) {
            result = fail("proposing L2 block " + std::to_string(next) + ": " + hash.error());
            break;
        }
        in_flight_.emplace_back(*hash, next);
        proposed = next;
        logging::debug(kLog, "proposed output root " + to_hex(root->view()) + " for L2 block " + std::to_string(next));
    }
    if (!in_flight_.empty()) {
        logging::info(kLog, "proposed output roots of L2 blocks " + std::to_string(in_flight_.front().second) + "-" +
                                std::to_string(in_flight_.back().second) + " (" + std::to_string(in_flight_.size()) +
                                " transactions)");
    }
    return result;
}

}  // namespace optimist::sequencer
