#include "builder.hpp"

#include "calls.hpp"

#include <optimist/evm/execution.hpp>
#include <optimist/tx/signing.hpp>

#include <algorithm>

namespace optimist::workload {
namespace {

// Setup gas: a fixed part plus a per-item part for batches. The per-item figures are about
// 1.2x what executing them uses (funding 35,000 per new account, a mint 25,000, a pair
// 580,000, a pool's first liquidity 123,000), and the batch sizes keep a batch under 25M
// gas, within the dev chain's 30M block.
constexpr std::uint64_t kBatchBaseGas = 60'000;
constexpr std::uint64_t kFundGasPerAccount = 40'000;  // CALL with value to a new account
constexpr std::size_t kFundBatch = 600;
constexpr std::uint64_t kMintGasPerAccount = 30'000;  // a fresh balance slot and a Transfer log
constexpr std::size_t kMintBatch = 800;
constexpr std::uint64_t kPairGas = 700'000;  // CREATE of Pair: mostly 200 gas per code byte
constexpr std::size_t kPairBatch = 32;
constexpr std::uint64_t kLiquidityGasPerPair = 150'000;  // four fresh slots, two balance calls
constexpr std::size_t kLiquidityBatch = 128;

// Creation: intrinsic (21,000 + 32,000 + calldata + init code words), 200 gas per deployed
// byte (code deposit), and a margin for the constructor's own storage writes.
std::uint64_t deploy_gas(const ContractArtifact& a, std::size_t init_size) {
    constexpr std::uint64_t kConstructorMargin = 150'000;
    return 53'000 + 16 * init_size + 2 * ((init_size + 31) / 32) + 200 * a.deployed_code.size() +
           kConstructorMargin;
}

template <typename F>
void in_batches(std::span<const Address> all, std::size_t batch, F&& f) {
    for (std::size_t i = 0; i < all.size(); i += batch) f(all.subspan(i, std::min(batch, all.size() - i)));
}

}  // namespace

Builder::Builder(const Options& options, const Address& funder)
    : options_(options), funder_(funder), nonce_(options.funder_nonce) {}

tx::Transaction Builder::unsigned_tx(std::uint64_t nonce, const Address& to, Bytes data, std::uint64_t gas,
                                     const Uint256& value) const {
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = options_.chain_id;
    t.nonce = nonce;
    t.max_fee_per_gas = kMaxFeePerGas;
    t.max_priority_fee_per_gas = kMaxPriorityFeePerGas;
    t.gas_limit = gas;
    t.to = to;
    t.value = value;
    t.data = std::move(data);
    return t;
}

Address Builder::deploy(Contract c, const Bytes& constructor_args) {
    const ContractArtifact& a = artifact(c);
    Bytes init = to_bytes(a.creation_code);
    append(init, constructor_args);
    const std::uint64_t gas = deploy_gas(a, init.size());
    tx::Transaction t = unsigned_tx(nonce_, Address{}, std::move(init), gas, {});
    t.to.reset();
    const Address created = evm::create_address(funder_, nonce_);
    setup_.push_back(std::move(t));
    funding_ = funding_ + Uint256{gas} * Uint256{kMaxFeePerGas};
    ++nonce_;
    contracts_.push_back(created);
    contract_nonces_[created] = 1;  // EIP-161: a new contract starts at nonce 1
    return created;
}

void Builder::call(const Address& to, Bytes data, std::uint64_t gas, const Uint256& value) {
    setup_.push_back(unsigned_tx(nonce_++, to, std::move(data), gas, value));
    funding_ = funding_ + value + Uint256{gas} * Uint256{kMaxFeePerGas};
}

void Builder::fund(const Address& airdrop, std::span<const Address> accounts) {
    in_batches(accounts, kFundBatch, [&](std::span<const Address> batch) {
        call(airdrop, calls::airdrop_fund(batch), kBatchBaseGas + kFundGasPerAccount * batch.size(),
             Uint256{kAccountFunding} * Uint256{batch.size()});
    });
}

void Builder::mint(const Address& token, std::span<const Address> to, const Uint256& amount) {
    in_batches(to, kMintBatch, [&](std::span<const Address> batch) {
        call(token, calls::token_mint_batch(batch, amount),
             kBatchBaseGas + kMintGasPerAccount * batch.size());
    });
}

std::vector<Address> Builder::create_pairs(const Address& router, const Address& token0,
                                           const Address& token1, std::size_t count) {
    std::vector<Address> pairs;
    std::uint64_t& router_nonce = contract_nonces_.at(router);
    for (std::size_t done = 0; done < count;) {
        const std::size_t n = std::min(kPairBatch, count - done);
        call(router, calls::router_create_pairs(token0, token1, n), kBatchBaseGas + kPairGas * n);
        for (std::size_t i = 0; i < n; ++i) {
            pairs.push_back(evm::create_address(router, router_nonce++));
            contracts_.push_back(pairs.back());
        }
        done += n;
    }
    return pairs;
}

void Builder::mint_liquidity(const Address& router, std::span<const Address> pairs) {
    in_batches(pairs, kLiquidityBatch, [&](std::span<const Address> batch) {
        call(router, calls::router_mint_liquidity(batch, funder_),
             kBatchBaseGas + kLiquidityGasPerPair * batch.size());
    });
}

void Builder::add(const Account& from, const Address& to, Bytes data, std::uint64_t gas,
                  const Uint256& value) {
    txs_.push_back(unsigned_tx(0, to, std::move(data), gas, value));
    keys_.push_back(from.key);
}

Result<Workload, std::string> Builder::finish() && {
    Workload w;
    w.funder = funder_;
    w.funding_needed = funding_;
    w.contracts = std::move(contracts_);
    w.setup.reserve(setup_.size());
    for (tx::Transaction& t : setup_) {
        auto s = tx::sign_transaction(std::move(t), options_.funder_key);
        if (!s) return fail("signing a setup transaction: " + std::string(tx::to_string(s.error())));
        w.setup.push_back(std::move(*s));
    }
    w.txs.reserve(txs_.size());
    for (std::size_t i = 0; i < txs_.size(); ++i) {
        auto s = tx::sign_transaction(std::move(txs_[i]), keys_[i]);
        if (!s)
            return fail("signing workload transaction " + std::to_string(i) + ": " +
                        std::string(tx::to_string(s.error())));
        w.txs.push_back(std::move(*s));
    }
    return w;
}

std::vector<Account> derive_accounts(std::uint64_t seed, std::size_t count) {
    std::vector<Account> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(derive_account(seed, i));
    return out;
}

std::vector<Address> addresses_of(std::span<const Account> accounts) {
    std::vector<Address> out;
    out.reserve(accounts.size());
    for (const Account& a : accounts) out.push_back(a.address);
    return out;
}

Uint256 whole_units(std::uint64_t n) { return Uint256{n} * Uint256{1'000'000'000'000'000'000ULL}; }

}  // namespace optimist::workload
