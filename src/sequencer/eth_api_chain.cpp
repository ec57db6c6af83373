// Chain reads and transaction submission: client and network identity, blocks,
// transactions, receipts, eth_sendRawTransaction, fee suggestions.
#include "eth_api_context.hpp"
#include "eth_json.hpp"

#include <optimist/chain/receipt_info.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/tx/codec.hpp>

#include <algorithm>

namespace optimist::sequencer::eth_api {
namespace {

constexpr std::string_view kClientVersion = "Optimist/v0.1.0/linux-amd64/gcc12";

std::vector<Hash> tx_hashes(std::span<const tx::Transaction> txs) {
    std::vector<Hash> out;
    out.reserve(txs.size());
    for (const tx::Transaction& t : txs) out.push_back(tx::transaction_hash(t));
    return out;
}

std::size_t encoded_block_size(const chain::StoredBlock& b) {
    tx::Block block;
    block.header = b.header;
    block.transactions = b.transactions;
    block.withdrawals = std::vector<tx::Withdrawal>{};
    return tx::encode_block(block).size();
}

json block_json(const chain::StoredBlock& b, bool full) {
    const std::vector<Hash> hashes = tx_hashes(b.transactions);
    return eth_json::block(b.header, b.hash, b.transactions, hashes, full, encoded_block_size(b));
}

// The block geth calls "pending": what the next block would hold, built from the pool's
// ready transactions; hash, nonce and miner are null as in geth.
json pending_block_json(const Context& ctx, bool full) {
    const tx::BlockHeader head = ctx.node.head();
    tx::BlockHeader h = tx::cancun_header();
    h.parent_hash = ctx.node.head_hash();
    h.number = head.number + 1;
    h.gas_limit = ctx.node.genesis().gas_limit;
    h.timestamp = head.timestamp + 1;
    h.base_fee_per_gas = tx::calc_next_base_fee(head);
    std::vector<tx::Transaction> txs = ctx.node.pending_transactions();
    const std::vector<Hash> hashes = tx_hashes(txs);
    json j = eth_json::block(h, Hash{}, txs, hashes, full, 0);
    j["hash"] = nullptr;
    j["nonce"] = nullptr;
    j["miner"] = nullptr;
    if (full) {
        for (json& t : j["transactions"]) {
            t["blockHash"] = nullptr;
        }
    }
    return j;
}

Result<bool, RpcError> full_flag(const json& params, std::size_t index) {
    if (index >= params.size() || params[index].is_null()) return false;
    if (!params[index].is_boolean())
        return fail(rpc::invalid_argument(index, "cannot unmarshal non-bool into bool"));
    return params[index].get<bool>();
}

struct IncludedTx {
    chain::StoredBlock block;
    std::uint32_t index = 0;
};

std::optional<IncludedTx> find_included(const Context& ctx, const Hash& hash) {
    const auto at = ctx.node.chain().tx_location(hash);
    if (!at) return std::nullopt;
    auto block = ctx.node.chain().block_by_hash(at->block_hash);
    if (!block || at->index >= block->transactions.size()) return std::nullopt;
    return IncludedTx{std::move(*block), at->index};
}

// Where transaction `index` of a stored block sits.
eth_json::TxPosition position_in(const chain::StoredBlock& b, std::uint32_t index) {
    return {b.hash, b.header.number, index, b.header.base_fee_per_gas.value_or(Uint256{})};
}

// The block's receipts in JSON form for the given indexes (all when `only` is empty), the
// stored receipts read once; null entries when they are missing.
json receipts_json(const Context& ctx, const chain::StoredBlock& block, std::optional<std::uint32_t> only) {
    const auto receipts = ctx.node.chain().receipts(block.hash);
    const std::vector<chain::ReceiptInfo> infos =
        receipts ? chain::receipt_infos(*receipts) : std::vector<chain::ReceiptInfo>{};
    auto one = [&](std::uint32_t index) -> json {
        if (!receipts || index >= receipts->size()) return nullptr;
        const tx::Transaction& t = block.transactions[index];
        return eth_json::receipt((*receipts)[index], t, tx::transaction_hash(t), position_in(block, index),
                                 infos[index].gas_used, static_cast<std::uint32_t>(infos[index].first_log_index));
    };
    if (only) return one(*only);
    json out = json::array();
    for (std::uint32_t i = 0; i < block.transactions.size(); ++i) out.push_back(one(i));
    return out;
}

Uint256 next_base_fee(const Context& ctx) {
    const tx::BlockHeader head = ctx.node.head();
    return tx::calc_next_base_fee(head);
}

HandlerResult fee_history(const Context& ctx, const json& params) {
    if (auto a = rpc::check_arity(params, 2, 3); !a) return fail(a.error());
    auto count = rpc::required_arg<std::uint64_t>(params, 0, rpc::parse_quantity_u64);
    if (!count) {
        // geth also accepts a plain JSON number for blockCount.
        if (!params[0].is_number_unsigned()) return fail(count.error());
        count = params[0].get<std::uint64_t>();
    }
    auto newest_id = rpc::required_arg<rpc::BlockId>(params, 1, rpc::parse_block_number);
    if (!newest_id) return fail(newest_id.error());
    std::vector<double> percentiles;
    if (params.size() > 2 && !params[2].is_null()) {
        if (!params[2].is_array()) return fail(rpc::invalid_argument(2, "cannot unmarshal non-array into []float64"));
        for (const json& p : params[2]) {
            if (!p.is_number()) return fail(rpc::invalid_argument(2, "cannot unmarshal non-number into float64"));
            const double v = p.get<double>();
            if (v < 0 || v > 100 || (!percentiles.empty() && v < percentiles.back()))
                return fail(RpcError::server("invalid reward percentile: " + p.dump()));
            percentiles.push_back(v);
        }
    }
    const auto newest = ctx.resolve(*newest_id);
    if (!newest) return fail(RpcError::server("header not found"));
    const std::uint64_t blocks = std::min({*count, ctx.options.max_fee_history, *newest + 1});
    const std::uint64_t oldest = *newest + 1 - blocks;

    json base_fees = json::array();
    json ratios = json::array();
    json rewards = json::array();
    json blob_fees = json::array();
    json blob_ratios = json::array();
    std::optional<tx::BlockHeader> last;
    for (std::uint64_t n = oldest; n < oldest + blocks; ++n) {
        auto block = ctx.node.chain().block_by_number(n);
        if (!block) return fail(RpcError::server("header not found"));
        const tx::BlockHeader& h = block->header;
        const Uint256 base_fee = h.base_fee_per_gas.value_or(Uint256{});
        base_fees.push_back(eth_json::quantity(base_fee));
        ratios.push_back(h.gas_limit ? static_cast<double>(h.gas_used) / static_cast<double>(h.gas_limit) : 0.0);
        blob_fees.push_back("0x1");
        blob_ratios.push_back(0.0);
        if (!percentiles.empty()) {
            // Each transaction's tip, weighted by its gas (geth's method).
            std::vector<std::pair<Uint256, std::uint64_t>> tips;
            const auto receipts = ctx.node.chain().receipts(block->hash);
            if (receipts) {
                const auto infos = chain::receipt_infos(*receipts);
                for (std::size_t i = 0; i < block->transactions.size() && i < infos.size(); ++i) {
                    const Uint256 price = eth_json::effective_gas_price(block->transactions[i], base_fee);
                    tips.emplace_back(price - base_fee, infos[i].gas_used);
                }
            }
            std::sort(tips.begin(), tips.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            json row = json::array();
            for (double p : percentiles) {
                if (tips.empty()) {
                    row.push_back("0x0");
                    continue;
                }
                const double threshold = static_cast<double>(h.gas_used) * p / 100.0;
                double cumulative = 0;
                std::size_t i = 0;
                for (; i + 1 < tips.size(); ++i) {
                    cumulative += static_cast<double>(tips[i].second);
                    if (cumulative >= threshold) break;
                }
                row.push_back(eth_json::quantity(tips[i].first));
            }
            rewards.push_back(std::move(row));
        }
        last = h;
    }
    // One more base fee: that of the block after the newest.
    base_fees.push_back(eth_json::quantity(
        tx::calc_next_base_fee(*last)));
    blob_fees.push_back("0x1");
    json out = {{"oldestBlock", eth_json::quantity(oldest)},
                {"baseFeePerGas", std::move(base_fees)},
                {"gasUsedRatio", std::move(ratios)},
                {"baseFeePerBlobGas", std::move(blob_fees)},
                {"blobGasUsedRatio", std::move(blob_ratios)}};
    if (!percentiles.empty()) out["reward"] = std::move(rewards);
    return out;
}

}  // namespace

void register_chain_methods(rpc::Dispatcher& d, const ContextPtr& ctx) {
    d.add("web3_clientVersion", [](const json&) -> HandlerResult { return json(kClientVersion); });
    d.add("web3_sha3", [](const json& params) -> HandlerResult {
        auto data = rpc::required_arg<Bytes>(params, 0, rpc::parse_data);
        if (!data) return fail(data.error());
        return json(eth_json::hex_data(keccak256(*data)));
    });
    d.add("net_version", [ctx](const json&) -> HandlerResult { return json(std::to_string(ctx->node.chain_id())); });
    d.add("net_listening", [](const json&) -> HandlerResult { return json(true); });
    d.add("net_peerCount", [](const json&) -> HandlerResult { return json("0x0"); });
    d.add("eth_chainId", [ctx](const json&) -> HandlerResult { return json(eth_json::quantity(ctx->node.chain_id())); });
    d.add("eth_syncing", [](const json&) -> HandlerResult { return json(false); });
    d.add("eth_mining", [](const json&) -> HandlerResult { return json(false); });
    d.add("eth_hashrate", [](const json&) -> HandlerResult { return json("0x0"); });
    // The node holds no keys: clients sign and use eth_sendRawTransaction.
    d.add("eth_accounts", [](const json&) -> HandlerResult { return json::array(); });
    d.add("eth_coinbase", [ctx](const json&) -> HandlerResult {
        return json(eth_json::hex_data(ctx->node.genesis().fee_recipient));
    });
    d.add("eth_blockNumber", [ctx](const json&) -> HandlerResult { return json(eth_json::quantity(ctx->node.head().number)); });

    d.add("eth_getBlockByNumber", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_number);
        if (!id) return fail(id.error());
        auto full = full_flag(params, 1);
        if (!full) return fail(full.error());
        if (id->kind == rpc::BlockId::Kind::pending) return pending_block_json(*ctx, *full);
        const auto number = ctx->resolve(*id);
        if (!number) return json(nullptr);
        auto block = ctx->node.chain().block_by_number(*number);
        if (!block) return json(nullptr);
        return block_json(*block, *full);
    });
    d.add("eth_getBlockByHash", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        auto full = full_flag(params, 1);
        if (!full) return fail(full.error());
        auto block = ctx->node.chain().block_by_hash(*hash);
        if (!block) return json(nullptr);
        return block_json(*block, *full);
    });
    d.add("eth_getBlockTransactionCountByNumber", [ctx](const json& params) -> HandlerResult {
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_number);
        if (!id) return fail(id.error());
        if (id->kind == rpc::BlockId::Kind::pending)
            return json(eth_json::quantity(std::uint64_t{ctx->node.pending_transactions().size()}));
        const auto number = ctx->resolve(*id);
        auto block = number ? ctx->node.chain().block_by_number(*number) : std::nullopt;
        if (!block) return json(nullptr);
        return json(eth_json::quantity(std::uint64_t{block->transactions.size()}));
    });
    d.add("eth_getBlockTransactionCountByHash", [ctx](const json& params) -> HandlerResult {
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        auto block = ctx->node.chain().block_by_hash(*hash);
        if (!block) return json(nullptr);
        return json(eth_json::quantity(std::uint64_t{block->transactions.size()}));
    });

    d.add("eth_getTransactionByHash", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        auto included = [&]() -> std::optional<json> {
            auto inc = find_included(*ctx, *hash);
            if (!inc) return std::nullopt;
            const chain::StoredBlock& b = inc->block;
            return eth_json::transaction(b.transactions[inc->index], *hash, position_in(b, inc->index));
        };
        if (auto j = included()) return *j;
        if (auto pending = ctx->node.pending_transaction(*hash)) return eth_json::transaction(*pending, *hash, std::nullopt);
        // A block commits before its transactions leave the pool, so one that was in neither
        // place a moment ago has just been included: look again rather than answer null.
        if (auto j = included()) return *j;
        return json(nullptr);
    });
    d.add("eth_getTransactionByBlockNumberAndIndex", [ctx](const json& params) -> HandlerResult {
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_number);
        if (!id) return fail(id.error());
        auto index = rpc::required_arg<std::uint64_t>(params, 1, rpc::parse_quantity_u64);
        if (!index) return fail(index.error());
        const auto number = ctx->resolve(*id);
        auto block = number ? ctx->node.chain().block_by_number(*number) : std::nullopt;
        if (!block || *index >= block->transactions.size()) return json(nullptr);
        const auto i = static_cast<std::uint32_t>(*index);
        return eth_json::transaction(block->transactions[i], tx::transaction_hash(block->transactions[i]),
                                     position_in(*block, i));
    });
    d.add("eth_getTransactionReceipt", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        auto inc = find_included(*ctx, *hash);
        if (!inc) return json(nullptr);
        return receipts_json(*ctx, inc->block, inc->index);
    });
    d.add("eth_getBlockReceipts", [ctx](const json& params) -> HandlerResult {
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_id);
        if (!id) return fail(id.error());
        const auto number = ctx->resolve(*id);
        auto block = number ? ctx->node.chain().block_by_number(*number) : std::nullopt;
        if (!block) return json(nullptr);
        return receipts_json(*ctx, *block, std::nullopt);
    });

    d.add("eth_sendRawTransaction", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto raw = rpc::required_arg<Bytes>(params, 0, rpc::parse_data);
        if (!raw) return fail(raw.error());
        auto hash = ctx->node.submit_raw_transaction(*raw);
        if (!hash) return fail(RpcError{hash.error().code, hash.error().message, std::nullopt});
        return json(eth_json::hex_data(*hash));
    });

    d.add("eth_gasPrice", [ctx](const json&) -> HandlerResult {
        return json(eth_json::quantity(next_base_fee(*ctx) + Uint256{ctx->options.suggested_tip}));
    });
    d.add("eth_maxPriorityFeePerGas", [ctx](const json&) -> HandlerResult {
        return json(eth_json::quantity(ctx->options.suggested_tip));
    });
    d.add("eth_blobBaseFee", [](const json&) -> HandlerResult { return json("0x1"); });
    d.add("eth_feeHistory", [ctx](const json& params) { return fee_history(*ctx, params); });

    // Shaped like op-node's optimism_syncStatus.
    d.add("optimist_syncStatus", [ctx](const json&) -> HandlerResult {
        const RollupStatus r = ctx->node.rollup_status();
        auto l2_ref = [&](std::uint64_t number) -> json {
            auto h = ctx->node.chain().header_by_number(number);
            if (!h) return nullptr;
            return json{{"hash", eth_json::hex_data(tx::header_hash(*h))}, {"number", h->number},
                        {"timestamp", h->timestamp}, {"parentHash", eth_json::hex_data(h->parent_hash)}};
        };
        const std::uint64_t head = ctx->node.head().number;
        json l1 = json{{"hash", eth_json::hex_data(r.head_l1.hash)}, {"number", r.head_l1.number},
                       {"timestamp", r.head_l1.timestamp}};
        return json{{"head_l1", l1},
                    {"current_l1", l1},
                    {"unsafe_l2", l2_ref(head)},
                    {"safe_l2", l2_ref(std::min(r.safe_l2, head))},
                    {"finalized_l2", l2_ref(std::min(r.finalized_l2, head))},
                    {"posted_l2", r.posted_l2},
                    {"proposed_l2", r.proposed_l2},
                    {"l1_enabled", r.l1_enabled},
                    {"l1_reachable", r.l1_reachable}};
    });
    d.add("optimist_outputAtBlock", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_number);
        if (!id) return fail(id.error());
        const auto number = ctx->resolve(*id);
        auto header = number ? ctx->node.chain().header_by_number(*number) : std::nullopt;
        if (!header) return fail(RpcError::server("header not found"));
        const Hash hash = tx::header_hash(*header);
        const Hash root = rollup::output_root(header->state_root, Hash{}, hash);
        const RollupStatus r = ctx->node.rollup_status();
        // Where this block stands on L1: its batch (safe or not) and its proposal, if any.
        std::string status = header->number <= r.finalized_l2 ? "finalized"
                             : header->number <= r.safe_l2     ? "safe"
                             : header->number <= r.posted_l2   ? "posted"
                                                               : "unsafe";
        json proposal = nullptr;
        if (auto it = r.proposals.find(header->number); it != r.proposals.end()) {
            proposal = {{"index", it->second.index},
                        {"l1Block", it->second.l1_block},
                        {"outputRoot", eth_json::hex_data(it->second.output_root)},
                        {"status", std::string(l1::to_string(it->second.status))},
                        {"matches", it->second.output_root == root}};
        }
        return json{{"version", eth_json::hex_data(rollup::kOutputVersion0)},
                    {"outputRoot", eth_json::hex_data(root)},
                    {"blockRef", {{"hash", eth_json::hex_data(hash)}, {"number", header->number}}},
                    {"stateRoot", eth_json::hex_data(header->state_root)},
                    {"withdrawalStorageRoot", eth_json::hex_data(Hash{})},
                    {"l1Status", status},
                    {"proposal", std::move(proposal)}};
    });

    d.add("optimist_status", [ctx](const json&) -> HandlerResult {
        const tx::BlockHeader head = ctx->node.head();
        return json{{"chainId", ctx->node.chain_id()},
                    {"head", {{"number", head.number}, {"hash", eth_json::hex_data(ctx->node.head_hash())},
                              {"timestamp", head.timestamp}, {"stateRoot", eth_json::hex_data(head.state_root)}}},
                    {"pendingTransactions", ctx->node.pending_count()},
                    {"rollup", [&] {
                         const RollupStatus r = ctx->node.rollup_status();
                         return json{{"l1Enabled", r.l1_enabled}, {"l1Reachable", r.l1_reachable},
                                     {"l1Head", r.head_l1.number}, {"safe", r.safe_l2},
                                     {"finalized", r.finalized_l2}, {"posted", r.posted_l2},
                                     {"proposed", r.proposed_l2}};
                     }()},
                    {"blockTimeMs", ctx->node.config().block_time.count()}};
    });
}

}  // namespace optimist::sequencer::eth_api
