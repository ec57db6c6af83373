#include "builder.hpp"
#include "kinds.hpp"

#include <optimist/crypto/secp256k1.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/workload/workload.hpp>

#include <array>

namespace optimist::workload {
namespace {

constexpr std::array kKinds{Kind::transfers, Kind::erc20, Kind::amm, Kind::nft, Kind::mainnet, Kind::hotslot};

}  // namespace

std::string_view to_string(Kind k) noexcept {
    switch (k) {
        case Kind::transfers: return "transfers";
        case Kind::erc20: return "erc20";
        case Kind::amm: return "amm";
        case Kind::nft: return "nft";
        case Kind::mainnet: return "mainnet";
        case Kind::hotslot: return "hotslot";
    }
    return "unknown";
}

std::optional<Kind> parse_kind(std::string_view name) {
    for (Kind k : kKinds) {
        if (to_string(k) == name) return k;
    }
    return std::nullopt;
}

std::span<const Kind> all_kinds() noexcept { return kKinds; }

Hash default_funder_key() { return sequencer::dev_private_key(0); }

evm::BlockContext block_context(std::uint64_t number, std::uint64_t chain_id) {
    const sequencer::Genesis g = sequencer::dev_genesis();
    evm::BlockContext b;
    b.coinbase = g.fee_recipient;
    b.number = number;
    b.timestamp = number;
    b.gas_limit = std::uint64_t{1} << 40;
    b.base_fee = g.base_fee;
    b.blob_base_fee = 1;
    b.chain_id = chain_id;
    b.block_hash = [](std::uint64_t n) {
        Hash h;
        h[31] = static_cast<std::uint8_t>(n);
        return h;
    };
    return b;
}

Result<Workload, std::string> generate(const Options& options) {
    if (!(options.hot >= 0.0 && options.hot <= 1.0)) return fail(std::string("hot must be between 0 and 1"));
    if (options.chain_id == 0) return fail(std::string("chain id must not be 0"));
    if ((options.kind == Kind::amm || options.kind == Kind::mainnet) && options.pools == 0) {
        return fail(std::string(to_string(options.kind)) + " needs at least one pool");
    }
    const auto funder = crypto::address_from_private_key(options.funder_key);
    if (!funder) return fail(std::string("the funder key is not a valid secp256k1 private key"));

    Builder b(options, *funder);
    switch (options.kind) {
        case Kind::transfers: build_transfers(options, b); break;
        case Kind::erc20: build_erc20(options, b); break;
        case Kind::amm: build_amm(options, b); break;
        case Kind::nft: build_nft(options, b); break;
        case Kind::mainnet: build_mainnet(options, b); break;
        case Kind::hotslot: build_hotslot(options, b); break;
    }
    return std::move(b).finish();
}

}  // namespace optimist::workload
