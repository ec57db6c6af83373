// BlockProver: a block executed by the step machine, its commitments and its proofs.
#include "tx_run.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/exec/block_executor.hpp>
#include <optimist/proof/block_prover.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/trie/partial_trie.hpp>

#include <bit>
#include <map>
#include <set>

namespace optimist::proof {

unsigned step_bits(std::uint64_t gas_limit) noexcept {
    const std::uint64_t bound = gas_limit > (std::uint64_t{1} << 60) ? (std::uint64_t{1} << 62) : 4 * gas_limit + 64;
    return static_cast<unsigned>(std::bit_width(bound));
}

struct BlockProver::Impl {
    ChainRules rules;
    BlockInputs inputs;       // as the L1 data gives them
    BlockInputs executed;     // what this prover executes (differs under a reordering fault)
    tx::BlockHeader parent;
    Hash parent_hash;
    std::vector<Bytes> ancestors;  // header RLPs, parent first
    World base;
    MemoryWorld created;
    Fault fault;

    tx::BlockHeader header_template;
    Bytes template_rlp;
    std::vector<StepState> boundaries;  // before tx 0, after tx 0, ..., after tx n - 1
    std::vector<std::uint64_t> step_counts;
    std::vector<tx::Receipt> receipts;
    tx::BlockHeader sealed;
    Hash output;

    StepContext context_for(std::uint64_t i) const {
        StepContext ctx;
        ctx.tx = &executed.txs[i];
        std::map<std::uint64_t, Hash> hashes;
        auto chain = detail::ancestor_hashes(header_template, std::vector<Bytes>(ancestors.begin(), ancestors.end()));
        if (chain) hashes = std::move(*chain);
        ctx.ancestors = hashes;
        ctx.block = exec::block_context(header_template, rules.chain_id, [hashes](std::uint64_t n) {
            auto it = hashes.find(n);
            return it == hashes.end() ? Hash{} : it->second;
        });
        ctx.tx_context = exec::describe_transaction(ctx.block, *ctx.tx).context;
        ctx.world = created.world(base);
        return ctx;
    }

    std::unique_ptr<detail::TxRun> run_for(std::uint64_t i) {
        return std::make_unique<detail::TxRun>(context_for(i), boundaries[i], created, fault, &ancestors);
    }

    // Transaction i after k steps. Bisection and proving ask for positions in any order, but
    // often forward from the last one: the last run is kept and resumed when it can be.
    Result<detail::TxRun*, std::string> run_to(std::uint64_t i, std::uint64_t k) {
        if (!cached || cached_tx != i || cached->steps_taken() > k) {
            cached = run_for(i);
            cached_tx = i;
        }
        while (cached->steps_taken() < k && !cached->finished()) {
            if (auto s = cached->step(); !s) {
                cached.reset();
                return fail(s.error());
            }
        }
        return cached.get();
    }
    std::unique_ptr<detail::TxRun> cached;
    std::uint64_t cached_tx = 0;
};

BlockProver::BlockProver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlockProver::~BlockProver() = default;

Result<std::unique_ptr<BlockProver>, std::string> BlockProver::create(ChainRules rules, BlockInputs inputs,
                                                                      tx::BlockHeader parent,
                                                                      std::vector<Bytes> ancestors, World world,
                                                                      Fault fault) {
    auto m = std::make_unique<Impl>();
    m->rules = rules;
    m->inputs = inputs;
    m->executed = std::move(inputs);
    m->parent = parent;
    m->parent_hash = tx::header_hash(parent);
    m->ancestors.push_back(tx::encode_header(parent));
    for (Bytes& a : ancestors) m->ancestors.push_back(std::move(a));
    m->base = std::move(world);
    m->fault = fault;
    if (fault.kind == FaultKind::swap_transactions && fault.tx_index + 1 < m->executed.txs.size())
        std::swap(m->executed.txs[fault.tx_index], m->executed.txs[fault.tx_index + 1]);

    m->header_template = tx::child_header_template(parent, m->parent_hash, m->inputs.timestamp, rules.fee_recipient,
                                                   rules.gas_limit);
    m->template_rlp = tx::encode_header(m->header_template);
    StepState start;
    start.phase = Phase::block;
    start.context = tx::header_hash(m->header_template);
    start.state_root = parent.state_root;
    m->boundaries.push_back(start);
    for (std::uint64_t i = 0; i < m->executed.txs.size(); ++i) {
        detail::TxRun run(m->context_for(i), m->boundaries[i], m->created, m->fault, &m->ancestors);
        while (!run.finished()) {
            if (auto s = run.step(); !s) return fail("transaction " + std::to_string(i) + ": " + s.error());
        }
        m->step_counts.push_back(run.steps_taken());
        if (run.receipt()) m->receipts.push_back(*run.receipt());
        m->boundaries.push_back(run.snapshot_state());
    }
    const StepState& last = m->boundaries.back();
    m->sealed = m->header_template;
    m->sealed.state_root = last.state_root;
    m->sealed.gas_used = last.gas_used;
    // The executed order: a prover that reordered transactions also commits to its order.
    m->sealed.transactions_root = tx::transactions_root(m->executed.txs);
    m->sealed.receipts_root = tx::receipts_root(m->receipts);
    m->sealed.logs_bloom = tx::block_bloom(m->receipts);
    m->output = rollup::output_root(m->sealed.state_root, Hash{}, tx::header_hash(m->sealed));
    if (fault.kind == FaultKind::empty_block_root && m->inputs.txs.empty()) m->output[31] ^= 0x01;
    return std::unique_ptr<BlockProver>(new BlockProver(std::move(m)));
}

std::uint64_t BlockProver::big_steps() const noexcept { return impl_->inputs.txs.size() + 2; }

Hash BlockProver::big_step_commitment(std::uint64_t j) const {
    const Impl& m = *impl_;
    if (j == 0) return rollup::output_root(m.parent.state_root, Hash{}, m.parent_hash);
    if (j >= big_steps()) return m.output;
    return m.boundaries[j - 1].commitment();
}

bool BlockProver::is_transaction_step(std::uint64_t j) const noexcept { return j >= 1 && j <= impl_->inputs.txs.size(); }

unsigned BlockProver::step_bits(std::uint64_t j) const { return proof::step_bits(impl_->inputs.txs[j - 1].gas_limit); }

std::uint64_t BlockProver::step_count(std::uint64_t j) const { return impl_->step_counts[j - 1]; }

Result<Hash, std::string> BlockProver::step_commitment(std::uint64_t j, std::uint64_t k) {
    if (!is_transaction_step(j)) return fail("big step " + std::to_string(j) + " is not a transaction");
    auto run = impl_->run_to(j - 1, k);
    if (!run) return fail(run.error());
    return (*run)->snapshot_state().commitment();
}

namespace {

// A code source that remembers what it served.
struct CodeRecorder {
    CodeSource inner;
    std::shared_ptr<std::map<Hash, Bytes>> served = std::make_shared<std::map<Hash, Bytes>>();
    CodeSource source() const {
        return [inner = inner, served = served](const Hash& h) -> std::optional<Bytes> {
            auto code = inner ? inner(h) : std::nullopt;
            if (code) served->emplace(h, *code);
            return code;
        };
    }
};

}  // namespace

Result<StepProof, std::string> BlockProver::prove_step(std::uint64_t j, std::uint64_t k) {
    Impl& m = *impl_;
    if (!is_transaction_step(j)) return fail("big step " + std::to_string(j) + " is not a transaction");
    auto found = m.run_to(j - 1, k);
    if (!found) return fail(found.error());
    detail::TxRun* run = *found;
    StepProof proof;
    proof.kind = StepKind::transaction;
    proof.l2_block = m.inputs.number;
    proof.tx_index = j - 1;
    proof.header = m.template_rlp;
    const Hash pre = run->snapshot_state().commitment();
    if (auto o = run->open(proof); !o) return fail(o.error());
    const World world = m.created.world(m.base);

    // Discover the substate entries the step needs: verify, add what it reports missing.
    std::set<EntryKey> keys;
    for (int attempt = 0; attempt < 512; ++attempt) {
        proof.entries.clear();
        for (const EntryKey& key : keys) proof.entries.push_back(run->entry_witness(key));
        trie::RecordingSource nodes(world.nodes);
        CodeRecorder code{world.code};
        const World recording{nodes.source(), code.source()};
        auto post = verify_step(m.rules, m.inputs, pre, proof, &recording);
        if (!post) {
            if (post.error().missing && keys.insert(*post.error().missing).second) continue;
            return fail("cannot prove step " + std::to_string(k) + " of transaction " + std::to_string(j - 1) + ": " +
                        post.error().message);
        }
        proof.nodes = nodes.nodes();
        proof.codes.clear();
        for (auto& [hash, bytes] : *code.served) proof.codes.push_back(bytes);
        return proof;
    }
    return fail(std::string("a step needs more than 512 substate entries"));
}

Result<StepProof, std::string> BlockProver::prove_big_step(std::uint64_t j) {
    Impl& m = *impl_;
    StepProof proof;
    proof.l2_block = m.inputs.number;
    if (j == 0) {
        proof.kind = StepKind::block_setup;
        proof.parent_state_root = m.parent.state_root;
        proof.parent_header = tx::encode_header(m.parent);
        return proof;
    }
    if (j == m.inputs.txs.size() + 1) {
        proof.kind = StepKind::block_finalize;
        proof.pre_state = m.boundaries.back().encode();
        proof.header = m.template_rlp;
        for (const tx::Receipt& r : m.receipts) proof.receipts.push_back(tx::encode_receipt(r));
        return proof;
    }
    return fail("big step " + std::to_string(j) + " is a transaction: prove its steps");
}

const tx::BlockHeader& BlockProver::header() const noexcept { return impl_->sealed; }
Hash BlockProver::output_root() const { return impl_->output; }
const std::vector<tx::Receipt>& BlockProver::receipts() const noexcept { return impl_->receipts; }
const MemoryWorld& BlockProver::created() const noexcept { return impl_->created; }
const ChainRules& BlockProver::rules() const noexcept { return impl_->rules; }
const BlockInputs& BlockProver::inputs() const noexcept { return impl_->inputs; }

std::string_view to_string(FaultKind k) noexcept {
    switch (k) {
        case FaultKind::none: return "none";
        case FaultKind::transfer_balance: return "transfer-balance";
        case FaultKind::storage_value: return "storage-value";
        case FaultKind::arithmetic: return "arithmetic";
        case FaultKind::gas: return "gas";
        case FaultKind::skip_transaction: return "skip-tx";
        case FaultKind::swap_transactions: return "swap-txs";
        case FaultKind::wrong_log: return "wrong-log";
        case FaultKind::wrong_refund: return "wrong-refund";
        case FaultKind::create_address: return "create-address";
        case FaultKind::empty_block_root: return "empty-block-root";
    }
    return "unknown";
}

std::optional<FaultKind> parse_fault_kind(std::string_view name) noexcept {
    for (int i = 0; i <= static_cast<int>(FaultKind::empty_block_root); ++i) {
        const auto k = static_cast<FaultKind>(i);
        if (to_string(k) == name) return k;
    }
    return std::nullopt;
}

}  // namespace optimist::proof
