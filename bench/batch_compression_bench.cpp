// Batch compression: ratio and speed of each codec on batches of signed L2 transactions, the
// measurement behind kDefaultCodec (bench/RESULTS.md, "Batch compression").
//
// Workloads, each as a batch of contiguous 2-second blocks of about ten transactions:
//   transfers  EIP-1559 ETH transfers between many accounts (500 senders, 5,000 recipients)
//   erc20      transfer(address,uint256) calls to five token contracts
//   mix        45% transfers, 45% ERC20 calls, 10% larger contract calls (swap-like calldata)
// Every transaction is signed with tx::sign_transaction: signatures are the incompressible
// 65 bytes that bound any codec's ratio on real traffic.
#include <optimist/rollup/batch.hpp>
#include <optimist/rollup/compression.hpp>
#include <optimist/tx/signing.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using optimist::Address;
using optimist::Bytes;
using optimist::Hash;
using optimist::Uint256;
namespace rollup = optimist::rollup;
namespace tx = optimist::tx;

constexpr std::uint64_t kChainId = 901;

template <std::size_t N>
optimist::FixedBytes<N> random_fixed(std::mt19937_64& rng) {
    optimist::FixedBytes<N> out;
    for (auto& b : out.bytes) b = static_cast<std::uint8_t>(rng());
    return out;
}

struct Account {
    Hash key;
    std::uint64_t nonce;
};

// The chain's participants: senders with their next nonces, recipients, token contracts.
struct World {
    std::vector<Account> senders;
    std::vector<Address> recipients;
    std::vector<Address> tokens;
    std::vector<Address> routers;

    explicit World(std::mt19937_64& rng) {
        for (int i = 0; i < 500; ++i) {
            Hash k = random_fixed<32>(rng);
            k[0] &= 0x7f;
            k[31] |= 1;
            senders.push_back({k, rng() % 300});  // accounts with some history
        }
        for (int i = 0; i < 5000; ++i) recipients.push_back(random_fixed<20>(rng));
        for (int i = 0; i < 5; ++i) tokens.push_back(random_fixed<20>(rng));
        for (int i = 0; i < 3; ++i) routers.push_back(random_fixed<20>(rng));
    }
};

void append_word(Bytes& out, const Uint256& v) {
    std::uint8_t word[32];
    v.to_be_bytes(word);
    out.insert(out.end(), word, word + 32);
}

// Fees as wallets set them: max fee = 2 x base fee + tip, tips from a few common choices.
void set_fees(tx::Transaction& t, std::uint64_t base_fee, std::mt19937_64& rng) {
    static constexpr std::uint64_t kTips[] = {1'000, 1'000'000, 100'000'000, 1'500'000'000};
    const std::uint64_t tip = kTips[rng() % 4];
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = kChainId;
    t.max_priority_fee_per_gas = Uint256{tip};
    t.max_fee_per_gas = Uint256{2 * base_fee + tip};
}

tx::Transaction make_tx(int kind, World& w, std::uint64_t base_fee, std::mt19937_64& rng) {
    tx::Transaction t;
    set_fees(t, base_fee, rng);
    Account& from = w.senders[rng() % w.senders.size()];
    t.nonce = from.nonce++;
    if (kind == 0) {  // ETH transfer of a roundish amount (multiples of 0.0001 ETH)
        t.gas_limit = 21'000;
        t.to = w.recipients[rng() % w.recipients.size()];
        t.value = Uint256{(1 + rng() % 50'000) * 100'000'000'000'000ULL};
    } else if (kind == 1) {  // ERC20 transfer(address,uint256): selector a9059cbb
        t.gas_limit = 45'000 + rng() % 20'000;
        const std::size_t token = rng() % w.tokens.size();
        t.to = w.tokens[token];
        t.data = {0xa9, 0x05, 0x9c, 0xbb};
        t.data.insert(t.data.end(), 12, 0);
        const Address& to = w.recipients[rng() % w.recipients.size()];
        t.data.insert(t.data.end(), to.begin(), to.end());
        // Whole-ish token amounts at 18 or 6 decimals.
        Uint256 amount{1 + rng() % 1'000'000};
        for (int d = 0; d < (token < 3 ? 18 : 6); ++d) amount = amount * Uint256{10};
        append_word(t.data, amount);
    } else {  // a swap-like call: selector and six words, addresses and amounts among them
        t.gas_limit = 150'000 + rng() % 150'000;
        t.to = w.routers[rng() % w.routers.size()];
        t.value = rng() % 4 == 0 ? Uint256{(1 + rng() % 1000) * 1'000'000'000'000'000ULL} : Uint256{};
        t.data = {0x38, 0xed, 0x17, 0x39};
        append_word(t.data, Uint256{rng() % 1'000'000'000'000'000'000ULL});
        append_word(t.data, Uint256{rng()});
        append_word(t.data, Uint256{0xa0});
        Bytes addr(12, 0);
        const Address& a = w.recipients[rng() % w.recipients.size()];
        addr.insert(addr.end(), a.begin(), a.end());
        t.data.insert(t.data.end(), addr.begin(), addr.end());
        append_word(t.data, Uint256{1'700'000'000 + rng() % 100'000});
        append_word(t.data, Uint256{2});
    }
    return *tx::sign_transaction(std::move(t), from.key);
}

enum class Workload { transfers, erc20, mix };

rollup::Batch make_batch(Workload wl, std::size_t txs) {
    std::mt19937_64 rng(42 + static_cast<unsigned>(wl));
    World w(rng);
    rollup::Batch b;
    b.parent_hash = random_fixed<32>(rng);
    std::uint64_t number = 1'000'000;
    std::uint64_t ts = 1'760'000'000;
    std::uint64_t base_fee = 50'000'000;
    while (txs > 0) {
        rollup::BatchBlock blk;
        blk.number = number++;
        blk.timestamp = ts += 2;
        base_fee = base_fee * (95 + rng() % 11) / 100;  // drifts as blocks fill and empty
        const std::size_t n = std::min<std::size_t>(txs, 5 + rng() % 11);
        for (std::size_t i = 0; i < n; ++i) {
            int kind = static_cast<int>(wl);
            if (wl == Workload::mix) {
                const auto r = rng() % 20;
                kind = r < 9 ? 0 : r < 18 ? 1 : 2;
            }
            blk.transactions.push_back(make_tx(kind, w, base_fee, rng));
        }
        txs -= n;
        b.blocks.push_back(std::move(blk));
    }
    return b;
}

const Bytes& encoded(Workload wl, std::size_t txs) {
    static std::map<std::pair<int, std::size_t>, Bytes> cache;
    auto [it, fresh] = cache.try_emplace({static_cast<int>(wl), txs});
    if (fresh) it->second = rollup::encode_batch(make_batch(wl, txs));
    return it->second;
}

void compress(benchmark::State& state, Workload wl, rollup::Codec codec, int level) {
    const Bytes& input = encoded(wl, static_cast<std::size_t>(state.range(0)));
    const auto c = rollup::make_compressor(codec, level);
    std::size_t out_size = 0;
    for (auto _ : state) {
        auto out = c->compress(input);
        out_size = out->size();
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.counters["ratio"] = static_cast<double>(input.size()) / static_cast<double>(out_size);
    state.counters["in_B_per_tx"] = static_cast<double>(input.size()) / static_cast<double>(state.range(0));
    state.counters["out_B_per_tx"] = static_cast<double>(out_size) / static_cast<double>(state.range(0));
}

void decompress(benchmark::State& state, Workload wl, rollup::Codec codec, int level) {
    const Bytes& input = encoded(wl, static_cast<std::size_t>(state.range(0)));
    const auto c = rollup::make_compressor(codec, level);
    const Bytes packed = *c->compress(input);
    for (auto _ : state) {
        auto out = c->decompress(packed, rollup::BatchLimits{}.max_batch_bytes);
        if (!out || out->size() != input.size()) state.SkipWithError("round trip failed");
        benchmark::DoNotOptimize(out);
    }
    // MB/s of decompressed output, comparable with the compression figure.
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}

const bool registered = [] {
    const std::pair<Workload, const char*> workloads[] = {
        {Workload::transfers, "transfers"}, {Workload::erc20, "erc20"}, {Workload::mix, "mix"}};
    const std::pair<rollup::Codec, int> configs[] = {
        {rollup::Codec::zlib, 6},   {rollup::Codec::zlib, 9},    {rollup::Codec::zstd, 3},
        {rollup::Codec::zstd, 9},   {rollup::Codec::zstd, 19},   {rollup::Codec::brotli, 5},
        {rollup::Codec::brotli, 9}, {rollup::Codec::brotli, 10}, {rollup::Codec::brotli, 11}};
    for (const auto& [wl, wl_name] : workloads) {
        for (const auto& [codec, level] : configs) {
            const std::string name = std::string(wl_name) + "/" + std::string(rollup::to_string(codec)) +
                                     "-" + std::to_string(level);
            benchmark::RegisterBenchmark(("compress/" + name).c_str(), compress, wl, codec, level)
                ->Arg(100)
                ->Arg(1000)
                ->Unit(benchmark::kMicrosecond);
            benchmark::RegisterBenchmark(("decompress/" + name).c_str(), decompress, wl, codec, level)
                ->Arg(100)
                ->Arg(1000)
                ->Unit(benchmark::kMicrosecond);
        }
    }
    return true;
}();

}  // namespace
