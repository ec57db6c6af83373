#include <optimist/core/keccak.hpp>

#include <benchmark/benchmark.h>

namespace {

void keccak256_bytes(benchmark::State& state) {
    optimist::Bytes data(static_cast<std::size_t>(state.range(0)), 0x5a);
    for (auto _ : state) {
        data[0]++;
        benchmark::DoNotOptimize(optimist::keccak256(data));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(keccak256_bytes)->Arg(32)->Arg(4096);

}  // namespace
