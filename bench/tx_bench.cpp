// Transactions: decoding, hashing and, above all, sender recovery, the per-transaction cost
// that dominates admitting transactions and that recover_senders() spreads over threads.
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <vector>

namespace {

using optimist::Bytes;
using optimist::Hash;
using optimist::Uint256;
namespace tx = optimist::tx;

constexpr std::size_t kBatch = 1024;

Hash random_key(std::mt19937_64& rng) {
    Hash h;
    for (auto& b : h.bytes) b = static_cast<std::uint8_t>(rng());
    h[0] &= 0x7f;
    h[31] |= 1;
    return h;
}

// A typical EIP-1559 transfer with some calldata, signed by a random key.
tx::Transaction signed_transfer(std::mt19937_64& rng) {
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = 1;
    t.nonce = rng() % 1000;
    t.max_fee_per_gas = Uint256{30000000000ULL};
    t.max_priority_fee_per_gas = Uint256{1000000000ULL};
    t.gas_limit = 60000;
    t.to = optimist::Address::right_aligned(Bytes{0x12, 0x34});
    t.value = Uint256{rng()};
    t.data.assign(68, 0);
    for (std::size_t i = 4; i < t.data.size(); i += 3) t.data[i] = static_cast<std::uint8_t>(rng());
    return *tx::sign_transaction(std::move(t), random_key(rng));
}

const std::vector<tx::Transaction>& batch() {
    static const std::vector<tx::Transaction> txs = [] {
        std::mt19937_64 rng(1);
        std::vector<tx::Transaction> out;
        for (std::size_t i = 0; i < kBatch; ++i) out.push_back(signed_transfer(rng));
        return out;
    }();
    return txs;
}

void decode_transaction(benchmark::State& state) {
    const Bytes wire = tx::encode_transaction(batch()[0]);
    for (auto _ : state) benchmark::DoNotOptimize(tx::decode_transaction(wire));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(decode_transaction);

void signing_hash(benchmark::State& state) {
    const tx::Transaction& t = batch()[0];
    for (auto _ : state) benchmark::DoNotOptimize(tx::signing_hash(t));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(signing_hash);

void recover_sender(benchmark::State& state) {
    const auto& txs = batch();
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(tx::recover_sender(txs[i++ % txs.size()]));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(recover_sender);

// recover_senders over a batch of 1024 with N worker threads: items/s is recoveries per second.
void recover_senders(benchmark::State& state) {
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(tx::recover_senders(batch(), threads));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(kBatch));
}
BENCHMARK(recover_senders)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// 1 and 2 threads alternated within one benchmark, so both rates and their ratio come from
// the same run under the same machine load.
void recover_senders_speedup(benchmark::State& state) {
    using clock = std::chrono::steady_clock;
    double one = 0;
    double two = 0;
    for (auto _ : state) {
        const auto t0 = clock::now();
        benchmark::DoNotOptimize(tx::recover_senders(batch(), 1));
        const auto t1 = clock::now();
        benchmark::DoNotOptimize(tx::recover_senders(batch(), 2));
        const auto t2 = clock::now();
        one += std::chrono::duration<double>(t1 - t0).count();
        two += std::chrono::duration<double>(t2 - t1).count();
    }
    const double recoveries = static_cast<double>(state.iterations()) * static_cast<double>(kBatch);
    state.counters["per_s_1_thread"] = recoveries / one;
    state.counters["per_s_2_threads"] = recoveries / two;
    state.counters["ratio"] = one / two;
}
BENCHMARK(recover_senders_speedup)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace
