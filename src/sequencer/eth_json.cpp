#include "eth_json.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::sequencer::eth_json {

Uint256 effective_gas_price(const tx::Transaction& t, const Uint256& base_fee) {
    if (t.type == tx::TxType::legacy || t.type == tx::TxType::access_list) return t.gas_price();
    const Uint256 with_tip = base_fee + t.max_priority_fee_per_gas;
    // base_fee + tip cannot wrap for fees that passed validation; guard anyway.
    if (with_tip < base_fee || t.max_fee_per_gas < with_tip) return t.max_fee_per_gas;
    return with_tip;
}

namespace {

json access_list(const tx::Transaction& t) {
    json list = json::array();
    for (const tx::AccessListEntry& e : t.access_list) {
        json keys = json::array();
        for (const Hash& k : e.storage_keys) keys.push_back(hex_data(k));
        list.push_back({{"address", hex_data(e.address)}, {"storageKeys", std::move(keys)}});
    }
    return list;
}

}  // namespace

json transaction(const tx::Transaction& t, const Hash& hash, const std::optional<TxPosition>& at) {
    json j = {
        {"hash", hex_data(hash)},
        {"type", quantity(static_cast<std::uint64_t>(t.type))},
        {"nonce", quantity(t.nonce)},
        {"from", hex_data(t.sender)},
        {"to", t.to ? json(hex_data(*t.to)) : json(nullptr)},
        {"value", quantity(t.value)},
        {"gas", quantity(t.gas_limit)},
        {"input", hex_data(t.data)},
        {"r", quantity(t.r)},
        {"s", quantity(t.s)},
    };
    if (t.type == tx::TxType::legacy) {
        j["v"] = quantity(tx::legacy_v(t));
    } else {
        j["v"] = quantity(std::uint64_t{t.y_parity});
        j["yParity"] = quantity(std::uint64_t{t.y_parity});
        j["accessList"] = access_list(t);
    }
    if (t.chain_id) j["chainId"] = quantity(*t.chain_id);
    if (t.type == tx::TxType::dynamic_fee || t.type == tx::TxType::blob) {
        j["maxFeePerGas"] = quantity(t.max_fee_per_gas);
        j["maxPriorityFeePerGas"] = quantity(t.max_priority_fee_per_gas);
    }
    if (at) {
        j["blockHash"] = hex_data(at->block_hash);
        j["blockNumber"] = quantity(at->block_number);
        j["transactionIndex"] = quantity(std::uint64_t{at->index});
        j["gasPrice"] = quantity(effective_gas_price(t, at->base_fee));
    } else {
        j["blockHash"] = nullptr;
        j["blockNumber"] = nullptr;
        j["transactionIndex"] = nullptr;
        j["gasPrice"] = quantity(t.max_fee_per_gas);
    }
    return j;
}

json block(const tx::BlockHeader& h, const Hash& hash, std::span<const tx::Transaction> transactions,
           std::span<const Hash> tx_hashes, bool full, std::size_t encoded_size) {
    json txs = json::array();
    for (std::size_t i = 0; i < transactions.size(); ++i) {
        if (full) {
            txs.push_back(transaction(transactions[i], tx_hashes[i],
                                      TxPosition{hash, h.number, static_cast<std::uint32_t>(i),
                                                 h.base_fee_per_gas.value_or(Uint256{})}));
        } else {
            txs.push_back(hex_data(tx_hashes[i]));
        }
    }
    json j = {
        {"number", quantity(h.number)},
        {"hash", hex_data(hash)},
        {"parentHash", hex_data(h.parent_hash)},
        {"nonce", hex_data(h.nonce)},
        {"sha3Uncles", hex_data(h.ommers_hash)},
        {"logsBloom", hex_data(h.logs_bloom)},
        {"transactionsRoot", hex_data(h.transactions_root)},
        {"stateRoot", hex_data(h.state_root)},
        {"receiptsRoot", hex_data(h.receipts_root)},
        {"miner", hex_data(h.coinbase)},
        {"difficulty", quantity(h.difficulty)},
        {"totalDifficulty", quantity(h.difficulty)},
        {"extraData", hex_data(h.extra_data)},
        {"size", quantity(std::uint64_t{encoded_size})},
        {"gasLimit", quantity(h.gas_limit)},
        {"gasUsed", quantity(h.gas_used)},
        {"timestamp", quantity(h.timestamp)},
        {"mixHash", hex_data(h.mix_hash)},
        {"transactions", std::move(txs)},
        {"uncles", json::array()},
    };
    if (h.base_fee_per_gas) j["baseFeePerGas"] = quantity(*h.base_fee_per_gas);
    if (h.withdrawals_root) {
        j["withdrawalsRoot"] = hex_data(*h.withdrawals_root);
        j["withdrawals"] = json::array();
    }
    if (h.blob_gas_used) j["blobGasUsed"] = quantity(*h.blob_gas_used);
    if (h.excess_blob_gas) j["excessBlobGas"] = quantity(*h.excess_blob_gas);
    if (h.parent_beacon_block_root) j["parentBeaconBlockRoot"] = hex_data(*h.parent_beacon_block_root);
    return j;
}

json log(const Log& l, const LogPosition& at) {
    json topics = json::array();
    for (const Hash& t : l.topics) topics.push_back(hex_data(t));
    return {
        {"address", hex_data(l.address)},
        {"topics", std::move(topics)},
        {"data", hex_data(l.data)},
        {"blockNumber", quantity(at.block_number)},
        {"blockHash", hex_data(at.block_hash)},
        {"transactionHash", hex_data(at.tx_hash)},
        {"transactionIndex", quantity(std::uint64_t{at.tx_index})},
        {"logIndex", quantity(std::uint64_t{at.log_index})},
        {"removed", false},
    };
}

json receipt(const tx::Receipt& r, const tx::Transaction& t, const Hash& tx_hash, const TxPosition& at,
             std::uint64_t gas_used, std::uint32_t first_log_index) {
    json logs = json::array();
    for (std::size_t i = 0; i < r.logs.size(); ++i) {
        logs.push_back(log(r.logs[i], LogPosition{at.block_hash, at.block_number, tx_hash, at.index,
                                                  first_log_index + static_cast<std::uint32_t>(i)}));
    }
    json contract = nullptr;
    if (!t.to && r.success) contract = hex_data(evm::create_address(t.sender, t.nonce));
    return {
        {"transactionHash", hex_data(tx_hash)},
        {"transactionIndex", quantity(std::uint64_t{at.index})},
        {"blockHash", hex_data(at.block_hash)},
        {"blockNumber", quantity(at.block_number)},
        {"from", hex_data(t.sender)},
        {"to", t.to ? json(hex_data(*t.to)) : json(nullptr)},
        {"cumulativeGasUsed", quantity(r.cumulative_gas_used)},
        {"gasUsed", quantity(gas_used)},
        {"effectiveGasPrice", quantity(effective_gas_price(t, at.base_fee))},
        {"contractAddress", std::move(contract)},
        {"logs", std::move(logs)},
        {"logsBloom", hex_data(r.bloom)},
        {"type", quantity(static_cast<std::uint64_t>(t.type))},
        {"status", quantity(std::uint64_t{r.success ? 1u : 0u})},
    };
}

}  // namespace optimist::sequencer::eth_json
