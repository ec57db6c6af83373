#include <optimist/crypto/hashes.hpp>
#include <optimist/crypto/modexp.hpp>
#include <optimist/crypto/secp256k1.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

namespace {

using optimist::Bytes;
using optimist::Hash;

Hash random_hash(std::mt19937_64& rng) {
    Hash h;
    for (auto& b : h.bytes) b = static_cast<std::uint8_t>(rng());
    return h;
}

// Single-threaded ecrecover: the sequencer's sender-recovery cost per transaction.
void ecrecover(benchmark::State& state) {
    std::mt19937_64 rng(1);
    struct Case {
        Hash msg;
        optimist::crypto::Signature sig;
    };
    std::vector<Case> cases;
    for (int i = 0; i < 64; ++i) {
        const Hash msg = random_hash(rng);
        cases.push_back({msg, *optimist::crypto::sign(msg, random_hash(rng))});
    }
    std::size_t i = 0;
    for (auto _ : state) {
        const Case& c = cases[i++ % cases.size()];
        benchmark::DoNotOptimize(
            optimist::crypto::recover_address(c.msg, c.sig.recovery_id, c.sig.r, c.sig.s));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(ecrecover);

void sign(benchmark::State& state) {
    std::mt19937_64 rng(2);
    const Hash key = random_hash(rng);
    Hash msg = random_hash(rng);
    for (auto _ : state) {
        msg[0]++;
        benchmark::DoNotOptimize(optimist::crypto::sign(msg, key));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(sign);

void sha256_bytes(benchmark::State& state) {
    Bytes data(static_cast<std::size_t>(state.range(0)), 0x5a);
    for (auto _ : state) {
        data[0]++;
        benchmark::DoNotOptimize(optimist::crypto::sha256(data));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(sha256_bytes)->Arg(32)->Arg(4096);

void ripemd160_bytes(benchmark::State& state) {
    Bytes data(static_cast<std::size_t>(state.range(0)), 0x5a);
    for (auto _ : state) {
        data[0]++;
        benchmark::DoNotOptimize(optimist::crypto::ripemd160(data));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(ripemd160_bytes)->Arg(32)->Arg(4096);

// 256-bit modulus (odd), 256-bit base and exponent: EIP-198's typical use, priced at
// 16 * 255 / 3 = 1360 gas under EIP-2565.
void modexp_256(benchmark::State& state) {
    std::mt19937_64 rng(3);
    const Hash base = random_hash(rng);
    Hash exponent = random_hash(rng);
    exponent[0] |= 0x80;
    Hash modulus = random_hash(rng);
    modulus[0] |= 0x80;
    modulus[31] |= 1;
    for (auto _ : state) benchmark::DoNotOptimize(optimist::crypto::modexp(base, exponent, modulus));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(modexp_256);

}  // namespace
