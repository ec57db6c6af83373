// The persistent state per block: 100 transfers applied to a 100k-account state, then the
// incremental root and the commit of the changed nodes to LevelDB (what the sequencer does
// for each block), and for scale, loading the whole state from the database at start-up.
#include <optimist/core/keccak.hpp>
#include <optimist/db/database.hpp>
#include <optimist/state/state_store.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

namespace {

namespace db = optimist::db;
namespace state = optimist::state;
using optimist::Address;
using optimist::Hash;
using optimist::Uint256;

constexpr std::uint64_t kAccounts = 100'000;

Address address_of(std::uint64_t i) {
    Address a;
    for (int b = 0; b < 8; ++b) a[19 - b] = static_cast<std::uint8_t>(i >> (8 * b));
    a[0] = 0x01;
    return a;
}

// A database holding a committed 100k-account state, removed at exit.
struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<db::Database> database;
    Hash root;

    Fixture() {
        dir = std::filesystem::temp_directory_path() / ("optimist-state-bench-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        auto opened = db::Database::open(dir.string());
        if (!opened) std::abort();
        database = std::move(*opened);
        auto store = state::StateStore::open(*database, optimist::kEmptyTrieRoot);
        if (!store) std::abort();
        state::WriteSet genesis;
        for (std::uint64_t i = 0; i < kAccounts; ++i) {
            state::AccountWrite w;
            w.address = address_of(i);
            w.balance = Uint256(1'000'000'000 + i);
            genesis.accounts.push_back(std::move(w));
        }
        (*store)->apply(genesis);
        root = (*store)->state_root();
        db::WriteBatch batch;
        (*store)->commit(batch);
        if (!database->write(batch)) std::abort();
    }
    ~Fixture() {
        database.reset();
        std::filesystem::remove_all(dir);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void state_open_100k_accounts(benchmark::State& bench) {
    Fixture& f = fixture();
    for (auto _ : bench) {
        auto store = state::StateStore::open(*f.database, f.root);
        if (!store) bench.SkipWithError(store.error().c_str());
        benchmark::DoNotOptimize(store);
    }
}
BENCHMARK(state_open_100k_accounts)->Unit(benchmark::kMillisecond)->Iterations(3);

// One block: 100 transfer write sets (sender: nonce + 1, balance - 1; recipient: balance + 1)
// applied one by one, the state root, the commit into a write batch and the LevelDB write.
void state_block_100_transfers(benchmark::State& bench) {
    Fixture& f = fixture();
    auto opened = state::StateStore::open(*f.database, f.root);
    if (!opened) {
        bench.SkipWithError(opened.error().c_str());
        return;
    }
    state::StateStore& store = **opened;
    std::mt19937_64 rng(7);
    for (auto _ : bench) {
        for (int i = 0; i < 100; ++i) {
            const Address from = address_of(rng() % kAccounts);
            const Address to = address_of(rng() % kAccounts);
            if (from == to) continue;
            const auto sender = store.read_account(from);
            const auto recipient = store.read_account(to);
            state::AccountWrite s;
            s.address = from;
            s.nonce = sender->nonce + 1;
            s.balance = sender->balance - Uint256(1);
            state::AccountWrite r;
            r.address = to;
            r.nonce = recipient->nonce;
            r.balance = recipient->balance + Uint256(1);
            state::WriteSet ws;
            ws.accounts = from < to ? std::vector{s, r} : std::vector{r, s};
            store.apply(ws);
        }
        benchmark::DoNotOptimize(store.state_root());
        db::WriteBatch batch;
        store.commit(batch);
        if (!f.database->write(batch)) bench.SkipWithError("write failed");
    }
    bench.SetItemsProcessed(bench.iterations() * 100);
}
BENCHMARK(state_block_100_transfers)->Unit(benchmark::kMicrosecond);

}  // namespace
