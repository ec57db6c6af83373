// eth_getLogs: logs of a block range (or one block by hash) filtered by address and topics,
// with each block's bloom checked before its receipts are read.
#include "eth_api_context.hpp"
#include "eth_json.hpp"

#include <optimist/chain/receipt_info.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::sequencer::eth_api {
namespace {

struct LogFilter {
    std::vector<Address> addresses;  // empty: any
    // Position i matches when topics[i] is empty (any) or holds the log's topic i.
    std::vector<std::vector<Hash>> topics;

    [[nodiscard]] bool matches(const Log& log) const {
        if (!addresses.empty() && std::find(addresses.begin(), addresses.end(), log.address) == addresses.end())
            return false;
        if (topics.size() > log.topics.size()) return false;
        for (std::size_t i = 0; i < topics.size(); ++i) {
            if (!topics[i].empty() && std::find(topics[i].begin(), topics[i].end(), log.topics[i]) == topics[i].end())
                return false;
        }
        return true;
    }

    // False when the bloom proves no log of the block can match.
    [[nodiscard]] bool may_match(const tx::Bloom& bloom) const {
        if (!addresses.empty()) {
            bool any = false;
            for (const Address& a : addresses) any = any || tx::bloom_may_contain(bloom, a.view());
            if (!any) return false;
        }
        for (const auto& alternatives : topics) {
            if (alternatives.empty()) continue;
            bool any = false;
            for (const Hash& t : alternatives) any = any || tx::bloom_may_contain(bloom, t.view());
            if (!any) return false;
        }
        return true;
    }
};

Result<LogFilter, RpcError> parse_filter(const json& obj) {
    LogFilter f;
    if (auto it = obj.find("address"); it != obj.end() && !it->is_null()) {
        if (it->is_string()) {
            auto a = rpc::parse_address(*it);
            if (!a) return fail(rpc::invalid_argument(0, a.error()));
            f.addresses.push_back(*a);
        } else if (it->is_array()) {
            for (const json& v : *it) {
                auto a = rpc::parse_address(v);
                if (!a) return fail(rpc::invalid_argument(0, a.error()));
                f.addresses.push_back(*a);
            }
        } else {
            return fail(rpc::invalid_argument(0, "address: expected a string or an array of strings"));
        }
    }
    if (auto it = obj.find("topics"); it != obj.end() && !it->is_null()) {
        if (!it->is_array()) return fail(rpc::invalid_argument(0, "topics: expected an array"));
        if (it->size() > 4) return fail(rpc::invalid_argument(0, "topics: at most 4 positions"));
        for (const json& position : *it) {
            std::vector<Hash> alternatives;
            if (position.is_string()) {
                auto h = rpc::parse_hash(position);
                if (!h) return fail(rpc::invalid_argument(0, h.error()));
                alternatives.push_back(*h);
            } else if (position.is_array()) {
                for (const json& v : position) {
                    if (v.is_null()) continue;
                    auto h = rpc::parse_hash(v);
                    if (!h) return fail(rpc::invalid_argument(0, h.error()));
                    alternatives.push_back(*h);
                }
            } else if (!position.is_null()) {
                return fail(rpc::invalid_argument(0, "topics: each position is null, a hash or an array of hashes"));
            }
            f.topics.push_back(std::move(alternatives));
        }
    }
    return f;
}

// Appends the matching logs of one block; false when `limit` would be passed.
bool collect(const Context& ctx, const chain::StoredBlock& block, const LogFilter& filter, json& out, std::size_t limit) {
    if (!filter.may_match(block.header.logs_bloom)) return true;
    const auto receipts = ctx.node.chain().receipts(block.hash);
    if (!receipts) return true;
    const auto infos = chain::receipt_infos(*receipts);
    for (std::size_t i = 0; i < receipts->size() && i < block.transactions.size(); ++i) {
        const tx::Receipt& r = (*receipts)[i];
        const Hash tx_hash = tx::transaction_hash(block.transactions[i]);
        for (std::size_t j = 0; j < r.logs.size(); ++j) {
            if (!filter.matches(r.logs[j])) continue;
            if (out.size() >= limit) return false;
            out.push_back(eth_json::log(
                r.logs[j], eth_json::LogPosition{block.hash, block.header.number, tx_hash, static_cast<std::uint32_t>(i),
                                                 static_cast<std::uint32_t>(infos[i].first_log_index + j)}));
        }
    }
    return true;
}

HandlerResult get_logs(const Context& ctx, const json& params) {
    if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
    const json& obj = params[0];
    if (!obj.is_object()) return fail(rpc::invalid_argument(0, "cannot unmarshal non-object into FilterCriteria"));
    auto filter = parse_filter(obj);
    if (!filter) return fail(filter.error());
    json out = json::array();
    const std::string too_many = "query returned more than " + std::to_string(ctx.options.max_logs) + " results";

    if (auto it = obj.find("blockHash"); it != obj.end() && !it->is_null()) {
        if (obj.contains("fromBlock") || obj.contains("toBlock"))
            return fail(rpc::invalid_argument(0, "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other"));
        auto hash = rpc::parse_hash(*it);
        if (!hash) return fail(rpc::invalid_argument(0, hash.error()));
        auto block = ctx.node.chain().block_by_hash(*hash);
        if (!block) return fail(RpcError::server("unknown block"));
        if (!collect(ctx, *block, *filter, out, ctx.options.max_logs)) return fail(RpcError{-32005, too_many, std::nullopt});
        return out;
    }

    auto bound = [&](const char* name) -> Result<std::uint64_t, RpcError> {
        auto it = obj.find(name);
        if (it == obj.end() || it->is_null()) return ctx.node.head().number;
        auto id = rpc::parse_block_number(*it);
        if (!id) return fail(rpc::invalid_argument(0, id.error()));
        if (id->kind == rpc::BlockId::Kind::number) return id->number;  // past the head: clamped below
        return *ctx.resolve(*id);
    };
    auto from = bound("fromBlock");
    if (!from) return fail(from.error());
    auto to = bound("toBlock");
    if (!to) return fail(to.error());
    const std::uint64_t head = ctx.node.head().number;
    if (*from > *to) return fail(RpcError::server("invalid block range params"));
    if (*from > head) return out;
    const std::uint64_t last = std::min(*to, head);
    if (last - *from >= ctx.options.max_logs_range)
        return fail(RpcError{-32005,
                             "query exceeds max block range " + std::to_string(ctx.options.max_logs_range) +
                                 " (asked for blocks " + std::to_string(*from) + " to " + std::to_string(last) + ")",
                             std::nullopt});
    for (std::uint64_t n = *from; n <= last; ++n) {
        // Header first: the bloom usually rules the block out without reading its body.
        auto header = ctx.node.chain().header_by_number(n);
        if (!header || !filter->may_match(header->logs_bloom)) continue;
        auto block = ctx.node.chain().block_by_number(n);
        if (!block) continue;
        if (!collect(ctx, *block, *filter, out, ctx.options.max_logs)) return fail(RpcError{-32005, too_many, std::nullopt});
    }
    return out;
}

}  // namespace

void register_log_methods(rpc::Dispatcher& d, const ContextPtr& ctx) {
    d.add("eth_getLogs", [ctx](const json& params) { return get_logs(*ctx, params); });
}

}  // namespace optimist::sequencer::eth_api
