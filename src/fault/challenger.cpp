// The challenger's rounds: dispute wrong roots, play every game it is in, claim its bonds.
#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/fault/challenger.hpp>
#include <optimist/l1/dispute_game_abi.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/proof/one_step.hpp>
#include <optimist/proof/proof_file.hpp>
#include <optimist/sequencer/pipeline.hpp>

#include <filesystem>
#include <fstream>

namespace optimist::fault {

namespace {

constexpr std::string_view kLog = "challenger";
// The most games or outputs one L1 read may ask for (optimist-l1 serves at most 100 games).
constexpr std::uint64_t kPage = l1::kMaxGamesCount;
// A move whose transaction has not changed the game after this many L1 blocks is sent again
// (its transaction failed, e.g. the L1 rejected it).
constexpr std::uint64_t kRetryBlocks = 3;

std::string describe(const l1::DisputeGame& g) {
    std::string s = "game " + std::to_string(g.id) + " (L2 block " + std::to_string(g.l2_block) + ", level " +
                    std::to_string(g.level);
    if (g.level >= 2) s += ", block " + std::to_string(g.block);
    if (g.level == 3) s += ", big step " + std::to_string(g.big_step);
    s += ", range " + std::to_string(g.lo) + ".." + std::to_string(g.hi) + ", " + std::to_string(g.moves.size()) + " moves)";
    return s;
}

}  // namespace

std::string_view to_string(Strategy s) noexcept {
    switch (s) {
        case Strategy::honest: return "honest";
        case Strategy::dispute_correct: return "dispute-correct";
        case Strategy::contrarian: return "contrarian";
        case Strategy::silent: return "silent";
    }
    return "unknown";
}

std::optional<Strategy> parse_strategy(std::string_view name) noexcept {
    for (auto s : {Strategy::honest, Strategy::dispute_correct, Strategy::contrarian, Strategy::silent}) {
        if (to_string(s) == name) return s;
    }
    return std::nullopt;
}

Challenger::Challenger(l1::L1& l1, Truth& truth, ChallengerConfig config)
    : l1_(l1), truth_(truth), config_(std::move(config)),
      sender_(std::make_unique<sequencer::L1Sender>(l1, config_.key, config_.l1_max_fee, config_.l1_priority_fee)) {}

Challenger::~Challenger() = default;

const Address& Challenger::address() const noexcept { return sender_->address(); }

bool Challenger::all_settled() const noexcept {
    for (const auto& g : games_) {
        if (g.status == l1::GameStatus::in_progress) return false;
    }
    return lost() == 0;
}

std::size_t Challenger::lost() const noexcept {
    std::size_t n = 0;
    for (const auto& g : games_) {
        const bool me_asserter = g.asserter == address();
        if ((g.status == l1::GameStatus::challenger_won && me_asserter) ||
            (g.status == l1::GameStatus::asserter_won && !me_asserter))
            ++n;
    }
    return n;
}

Result<Hash, std::string> Challenger::commitment_at(const l1::DisputeGame& g, std::uint64_t p) {
    if (g.level == 1) return truth_.output_root(p);
    auto prover = truth_.prover(g.block);
    if (!prover) return fail(prover.error());
    if (g.level == 2) return (*prover)->big_step_commitment(p);
    return (*prover)->step_commitment(g.big_step, p);
}

Result<Bytes, std::string> Challenger::leaf_proof(const l1::DisputeGame& g) {
    auto prover = truth_.prover(g.block);
    if (!prover) return fail(prover.error());
    auto proof = g.level == 2 ? (*prover)->prove_big_step(g.lo) : (*prover)->prove_step(g.big_step, g.lo);
    if (!proof) return fail(proof.error());
    return proof::encode_step_proof(*proof);
}

Status<std::string> Challenger::play(const l1::DisputeGame& g, PollReport& report) {
    const bool me_asserter = g.asserter == address();
    const bool me_challenger = g.challenger == address();
    if (me_challenger && config_.strategy == Strategy::silent) return {};
    const auto turn = l1::turn(g);
    if (!turn) return {};
    auto head = l1_.head();
    if (!head) return fail(head.error().message);
    if (auto it = acted_.find(g.id); it != acted_.end() && it->second == g.moves.size()) {
        // Our move for this state is on its way, unless it has been too long.
        if (head->number < g.turn_started + kRetryBlocks) return {};
    }
    const Address& factory = l1_config_factory_;
    if (l1::awaiting_proof(g)) {
        // Either side may prove; the challenger must. A contrarian does not.
        if (!(me_asserter || (me_challenger && config_.strategy != Strategy::contrarian))) return {};
        auto proof = leaf_proof(g);
        if (!proof) return fail(describe(g) + ": cannot build the proof: " + proof.error());
        if (!config_.proof_dir.empty()) {
            // The exported file carries what an offline check needs (proof_file.hpp).
            auto prover = truth_.prover(g.block);
            if (prover) {
                proof::ProofFile file{(*prover)->rules(), (*prover)->inputs(), g.lo_claim, g.hi_claim, *proof};
                const Bytes bytes = proof::encode_proof_file(file);
                std::filesystem::create_directories(config_.proof_dir);
                const std::string path = config_.proof_dir + "/game-" + std::to_string(g.id) + "-level" +
                                         std::to_string(g.level) + "-" + std::to_string(g.lo) + ".opsf";
                std::ofstream(path, std::ios::binary)
                    .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
            }
        }
        auto sent = sender_->send(factory, l1::encode_game_call(l1::ProveStepCall{g.id, *proof}), Uint256{});
        if (!sent) return fail(describe(g) + ": sending the proof: " + sent.error());
        logging::info(kLog, describe(g) + ": submitted a one-step proof of " + std::to_string(proof->size()) + " bytes");
        acted_[g.id] = g.moves.size();
        ++report.proofs;
        return {};
    }
    if (*turn == l1::GameParty::asserter && me_asserter) {
        const std::uint64_t mid = g.lo + (g.hi - g.lo) / 2;
        auto claim = commitment_at(g, mid);
        if (!claim) return fail(describe(g) + ": " + claim.error());
        auto sent = sender_->send(factory, l1::encode_game_call(l1::BisectCall{g.id, *claim}), Uint256{});
        if (!sent) return fail(describe(g) + ": sending the bisection: " + sent.error());
        logging::info(kLog, describe(g) + ": bisected at " + std::to_string(mid));
        acted_[g.id] = g.moves.size();
        ++report.moves;
        return {};
    }
    if (*turn == l1::GameParty::challenger && me_challenger && g.mid_claim) {
        const std::uint64_t mid = g.lo + (g.hi - g.lo) / 2;
        auto mine = commitment_at(g, mid);
        if (!mine) return fail(describe(g) + ": " + mine.error());
        bool agree = *mine == *g.mid_claim;
        if (config_.strategy == Strategy::contrarian) agree = !agree;
        auto sent = sender_->send(factory, l1::encode_game_call(l1::RespondCall{g.id, agree}), Uint256{});
        if (!sent) return fail(describe(g) + ": sending the answer: " + sent.error());
        logging::info(kLog, describe(g) + ": " + (agree ? "agreed" : "disagreed") + " at " + std::to_string(mid));
        acted_[g.id] = g.moves.size();
        ++report.moves;
    }
    return {};
}

Result<PollReport, std::string> Challenger::poll() {
    PollReport report;
    auto config = l1_.config();
    if (!config) return fail("L1 config: " + config.error().message);
    l1_config_factory_ = config->dispute_game_factory;
    auto head = l1_.head();
    if (!head) return fail("L1 head: " + head.error().message);

    // Games: ours, as either side.
    std::vector<l1::DisputeGame> mine;
    for (std::uint64_t from = 0;;) {
        auto page = l1_.games(from, kPage);
        if (!page) return fail("L1 games: " + page.error().message);
        for (auto& g : *page) {
            if (g.challenger == address()) disputed_.insert(g.output_index);
            if (g.challenger == address() || (config_.defend && g.asserter == address())) mine.push_back(std::move(g));
        }
        if (page->size() < kPage) break;
        from += kPage;
    }
    games_ = std::move(mine);

    // Dispute wrong roots inside their window.
    if (config_.dispute) {
        for (std::uint64_t from = 0;;) {
            auto page = l1_.outputs(from, kPage);
            if (!page) return fail("L1 outputs: " + page.error().message);
            for (const l1::OutputProposal& p : *page) {
                if (p.status != l1::OutputStatus::proposed || p.proposer == address() || disputed_.contains(p.index))
                    continue;
                if (head->number >= p.l1_block + config->challenge_window) continue;
                auto ours = truth_.output_root(p.l2_block);
                if (!ours) continue;  // not derived yet: next round
                Hash claim = *ours;
                if (*ours == p.output_root) {
                    if (config_.strategy == Strategy::honest) continue;
                    claim = keccak256(ours->view());  // a wrong claim, on purpose
                }
                const Uint256 bond = config_.bond.value_or(config->min_bond);
                auto sent = sender_->send(config->dispute_game_factory,
                                          l1::encode_game_call(l1::CreateGameCall{p.index, claim}), bond);
                if (!sent) {
                    report.problems.push_back("disputing output " + std::to_string(p.index) + ": " + sent.error());
                    continue;
                }
                logging::info(kLog, "disputing output " + std::to_string(p.index) + " (L2 block " +
                                        std::to_string(p.l2_block) + "): proposed " + to_hex(p.output_root.view()) +
                                        ", ours " + to_hex(ours->view()));
                disputed_.insert(p.index);
                report.games_opened.push_back(p.index);
            }
            if (page->size() < kPage) break;
            from += kPage;
        }
    }

    for (const l1::DisputeGame& g : games_) {
        if (g.status != l1::GameStatus::in_progress) continue;
        if (auto s = play(g, report); !s) report.problems.push_back(s.error());
    }

    auto credit = l1_.credit(address());
    auto unmined = sender_->has_unmined();
    if (credit && !credit->is_zero() && unmined && !*unmined) {
        auto sent = sender_->send(config->dispute_game_factory, l1::encode_game_call(l1::ClaimCreditCall{}), Uint256{});
        if (sent) {
            logging::info(kLog, "claimed a credit of " + to_string(*credit) + " wei");
            ++report.credits_claimed;
        } else {
            report.problems.push_back("claiming credit: " + sent.error());
        }
    }
    for (const auto& p : report.problems) logging::warn(kLog, p);
    return report;
}

}  // namespace optimist::fault
