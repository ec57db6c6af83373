// MPT root computation: one-shot builder vs. the mutable trie, and incremental re-hashing
// after a few updates (the per-block case of the sequencer's state trie).
#include <optimist/trie/trie.hpp>
#include <optimist/trie/trie_root.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <utility>
#include <vector>

namespace {

using optimist::Bytes;
using optimist::Hash;
namespace trie = optimist::trie;

// Random 32-byte keys with 32-byte values, the shape of hashed storage slots.
std::vector<std::pair<Bytes, Bytes>> random_items(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto random32 = [&] {
        Bytes b(32);
        for (auto& x : b) x = static_cast<std::uint8_t>(rng());
        return b;
    };
    std::vector<std::pair<Bytes, Bytes>> items;
    items.reserve(n);
    for (std::size_t i = 0; i < n; ++i) items.emplace_back(random32(), random32());
    return items;
}

void trie_root_one_shot(benchmark::State& state) {
    const auto items = random_items(static_cast<std::size_t>(state.range(0)), 1);
    for (auto _ : state) benchmark::DoNotOptimize(trie::trie_root(items));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(trie_root_one_shot)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void trie_insert_all_then_root(benchmark::State& state) {
    const auto items = random_items(static_cast<std::size_t>(state.range(0)), 1);
    for (auto _ : state) {
        auto t = std::make_unique<trie::Trie>();
        for (const auto& [k, v] : items) t->put(k, v);
        benchmark::DoNotOptimize(t->root_hash());
        state.PauseTiming();  // freeing 100k nodes is not part of building the root
        t.reset();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(trie_insert_all_then_root)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Update `range(1)` existing keys of a `range(0)`-key trie with fresh values, then take the
// root: the cost is proportional to the touched paths, not to the trie.
void trie_incremental_root(benchmark::State& state) {
    const auto items = random_items(static_cast<std::size_t>(state.range(0)), 1);
    const auto updates = static_cast<std::size_t>(state.range(1));
    trie::Trie t;
    for (const auto& [k, v] : items) t.put(k, v);
    benchmark::DoNotOptimize(t.root_hash());
    // Two value sets alternated, so that every iteration really changes the values.
    const auto values_a = random_items(updates, 2);
    const auto values_b = random_items(updates, 3);
    std::size_t round = 0;
    for (auto _ : state) {
        const auto& values = (round++ % 2 == 0) ? values_a : values_b;
        for (std::size_t i = 0; i < updates; ++i)
            t.put(items[i * (items.size() / updates)].first, values[i].second);
        benchmark::DoNotOptimize(t.root_hash());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(updates));
}
BENCHMARK(trie_incremental_root)->Args({100'000, 100})->Unit(benchmark::kMicrosecond);

// For comparison with the above: recomputing the same 100k-key root from scratch.
void trie_full_rehash(benchmark::State& state) {
    const auto items = random_items(static_cast<std::size_t>(state.range(0)), 1);
    for (auto _ : state) {
        state.PauseTiming();
        auto t = std::make_unique<trie::Trie>();
        for (const auto& [k, v] : items) t->put(k, v);
        state.ResumeTiming();
        benchmark::DoNotOptimize(t->root_hash());
        state.PauseTiming();
        t.reset();
        state.ResumeTiming();
    }
}
BENCHMARK(trie_full_rehash)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
