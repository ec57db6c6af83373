// Uint256 throughput: the reported time is nanoseconds per operation.
//
// Each benchmark cycles through a pool of random operands of fixed bit lengths (so the
// compiler cannot fold the work and the branch predictor sees realistic variety within
// one size class), and passes every result to benchmark::DoNotOptimize.
#include <optimist/core/uint256.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>
#include <random>
#include <vector>

namespace optimist {
namespace {

constexpr std::size_t kPoolSize = 1024;  // a power of two: the index wraps with a mask

// Random values of exactly `bits` bits (top bit set); bits == 0 gives zeros.
std::vector<Uint256> pool(unsigned bits, std::uint64_t seed, bool negative = false) {
    std::mt19937_64 rng(seed);
    std::vector<Uint256> out(kPoolSize);
    for (Uint256& x : out) {
        x = Uint256{rng(), rng(), rng(), rng()};
        if (bits < 256) x = bits == 0 ? Uint256{} : x >> (256 - bits);
        if (bits > 0) x = x | (Uint256{1} << (bits - 1));
        if (negative && (rng() & 1) != 0) x = -x;
    }
    return out;
}

// Shift amounts below 256.
std::vector<Uint256> shift_pool(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Uint256> out(kPoolSize);
    for (Uint256& x : out) x = Uint256{rng() % 256};
    return out;
}

template <typename Op>
void run_binary(benchmark::State& state, const std::vector<Uint256>& a, const std::vector<Uint256>& b,
                Op op) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(op(a[i], b[i]));
        i = (i + 1) & (kPoolSize - 1);
    }
}

template <typename Op>
void run_ternary(benchmark::State& state, const std::vector<Uint256>& a, const std::vector<Uint256>& b,
                 const std::vector<Uint256>& c, Op op) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(op(a[i], b[i], c[i]));
        i = (i + 1) & (kPoolSize - 1);
    }
}

void uint256_add(benchmark::State& state) {
    run_binary(state, pool(256, 1), pool(256, 2), [](const Uint256& a, const Uint256& b) { return a + b; });
}
BENCHMARK(uint256_add);

void uint256_sub(benchmark::State& state) {
    run_binary(state, pool(256, 1), pool(256, 2), [](const Uint256& a, const Uint256& b) { return a - b; });
}
BENCHMARK(uint256_sub);

void uint256_lt(benchmark::State& state) {
    run_binary(state, pool(256, 1), pool(256, 2), [](const Uint256& a, const Uint256& b) { return a < b; });
}
BENCHMARK(uint256_lt);

void uint256_mul(benchmark::State& state) {
    run_binary(state, pool(256, 1), pool(256, 2), [](const Uint256& a, const Uint256& b) { return a * b; });
}
BENCHMARK(uint256_mul);

// Division by operand size: dividend bits / divisor bits.
void uint256_div(benchmark::State& state) {
    const auto a_bits = static_cast<unsigned>(state.range(0));
    const auto b_bits = static_cast<unsigned>(state.range(1));
    run_binary(state, pool(a_bits, 3), pool(b_bits, 4),
               [](const Uint256& a, const Uint256& b) { return a / b; });
}
BENCHMARK(uint256_div)
    ->ArgNames({"a", "b"})
    ->Args({64, 64})
    ->Args({128, 64})
    ->Args({256, 64})
    ->Args({256, 128})
    ->Args({256, 192})
    ->Args({256, 256});

void uint256_mod(benchmark::State& state) {
    const auto a_bits = static_cast<unsigned>(state.range(0));
    const auto b_bits = static_cast<unsigned>(state.range(1));
    run_binary(state, pool(a_bits, 3), pool(b_bits, 4),
               [](const Uint256& a, const Uint256& b) { return a % b; });
}
BENCHMARK(uint256_mod)->ArgNames({"a", "b"})->Args({256, 64})->Args({256, 128});

void uint256_sdiv(benchmark::State& state) {
    run_binary(state, pool(255, 5, true), pool(128, 6, true),
               [](const Uint256& a, const Uint256& b) { return sdiv(a, b); });
}
BENCHMARK(uint256_sdiv);

void uint256_addmod(benchmark::State& state) {
    // range(0) == 1: operands already below the modulus (the common case in field
    // arithmetic); 0: full-width operands and a 128-bit modulus, which needs a division.
    if (state.range(0) == 1) {
        run_ternary(state, pool(255, 7), pool(255, 8), pool(256, 9),
                    [](const Uint256& a, const Uint256& b, const Uint256& m) { return addmod(a, b, m); });
    } else {
        run_ternary(state, pool(256, 7), pool(256, 8), pool(128, 9),
                    [](const Uint256& a, const Uint256& b, const Uint256& m) { return addmod(a, b, m); });
    }
}
BENCHMARK(uint256_addmod)->ArgName("reduced")->Arg(1)->Arg(0);

void uint256_mulmod(benchmark::State& state) {
    const auto m_bits = static_cast<unsigned>(state.range(0));
    run_ternary(state, pool(256, 10), pool(256, 11), pool(m_bits, 12),
                [](const Uint256& a, const Uint256& b, const Uint256& m) { return mulmod(a, b, m); });
}
BENCHMARK(uint256_mulmod)->ArgName("m_bits")->Arg(64)->Arg(128)->Arg(256);

void uint256_exp(benchmark::State& state) {
    const auto e_bits = static_cast<unsigned>(state.range(0));
    // Odd bases: an even base reaches zero early and would flatter the timing.
    std::vector<Uint256> bases = pool(256, 13);
    for (Uint256& x : bases) x = x | 1;
    run_binary(state, bases, pool(e_bits, 14), [](const Uint256& b, const Uint256& e) { return exp(b, e); });
}
BENCHMARK(uint256_exp)->ArgName("e_bits")->Arg(8)->Arg(64)->Arg(256);

void uint256_shl(benchmark::State& state) {
    run_binary(state, shift_pool(15), pool(256, 16),
               [](const Uint256& s, const Uint256& x) { return shl(s, x); });
}
BENCHMARK(uint256_shl);

void uint256_shr(benchmark::State& state) {
    run_binary(state, shift_pool(15), pool(256, 16),
               [](const Uint256& s, const Uint256& x) { return shr(s, x); });
}
BENCHMARK(uint256_shr);

void uint256_sar(benchmark::State& state) {
    run_binary(state, shift_pool(15), pool(256, 16, true),
               [](const Uint256& s, const Uint256& x) { return sar(s, x); });
}
BENCHMARK(uint256_sar);

void uint256_to_string(benchmark::State& state) {
    const std::vector<Uint256> xs = pool(256, 17);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(to_string(xs[i]));
        i = (i + 1) & (kPoolSize - 1);
    }
}
BENCHMARK(uint256_to_string);

}  // namespace
}  // namespace optimist
