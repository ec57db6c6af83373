// Block-STM: workers take execution and validation tasks from the collaborative scheduler
// until the block is done; then the results are assembled in block order, where the deferred
// coinbase fees are paid and the block's gas pool decides where the block ends.
#include "conflict_guard.hpp"
#include "mv_memory.hpp"
#include "mv_reader.hpp"
#include "pre_state_cache.hpp"
#include "scheduler.hpp"

#include <optimist/exec/parallel_executor.hpp>
#include <optimist/state/state_view.hpp>
#include <optimist/tx/signing.hpp>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace optimist::exec {
namespace {

using detail::TxIndex;

// What the workers keep of one transaction's last incarnation besides its TxRun and its
// TxSummary.
// The small fields come first, in the slot's first cache line.
struct alignas(64) TxSlot {
    // The fee this incarnation left for the coinbase (CoinbasePayment::deferred_if_untouched);
    // read by other workers resolving the coinbase's balance.
    mutable detail::SpinLock fee_lock;
    std::optional<Uint256> deferred_fee;
    // `reads` is replaced by the executing worker while a validating one may be reading it.
    detail::SpinLock reads_lock;
    bool has_reads = false;
    detail::ReadSet reads;
};

// Asks for the first `bytes` of `object` to be brought into the cache for writing. A worker
// executing a transaction writes its slot, summary and result afterwards; they were last
// touched a block ago, and the execution hides the misses that would otherwise stall the
// writes.
template <class T>
void prefetch_for_write(const T& object, std::size_t bytes = sizeof(T)) {
    const char* p = reinterpret_cast<const char*>(&object);
    for (std::size_t offset = 0; offset < std::min(bytes, sizeof(T)); offset += 64) __builtin_prefetch(p + offset, 1, 3);
}

// The multi-version writes of one incarnation: the fields of each account that changed
// against what the incarnation read, and each slot written. (The deferred coinbase fee is
// kept in the transaction's slot: DeferredFees.)
detail::Writes versioned_writes(const state::WriteSet& writes, const detail::MvReader& reader,
                                detail::DeployedCode& code) {
    using detail::LocationKind;
    detail::Writes out;
    for (const state::AccountWrite& w : writes.accounts) {
        const detail::AccountRead* read = reader.account_read(w.address);
        // StateView loads every account it writes, through the reader.
        const std::optional<state::Account> before = read ? read->seen : std::nullopt;
        detail::WriteValue account;
        account.info.exists = !w.deleted;
        account.info.nonce = w.nonce;
        account.info.code_hash = w.code_hash;
        account.word = w.balance;
        if (w.deleted) {
            account.info = detail::AccountInfo{false, 0, kEmptyCodeHash, true};
            account.word = Uint256{};
            account.fields = detail::kInfoField | detail::kBalanceField;
        } else {
            if (w.code_changed) code.add(w.code_hash, w.code);
            if (!before || w.storage_cleared) {
                account.info.wipes_storage = w.storage_cleared;
                account.fields = detail::kInfoField | detail::kBalanceField;
            } else {
                if (w.nonce != before->nonce || w.code_hash != before->code_hash) account.fields |= detail::kInfoField;
                if (w.balance != before->balance) account.fields |= detail::kBalanceField;
            }
        }
        if (account.fields != 0) out.push_back({{w.address, LocationKind::account, {}}, account});
        if (w.deleted) continue;
        for (const state::StorageWrite& s : w.storage) {
            detail::WriteValue v;
            v.word = s.value;
            out.push_back({{w.address, LocationKind::storage, s.key}, v});
        }
    }
    return out;
}

// The coinbase as the sequential run leaves it after each transaction, for paying the
// deferred fees into the write sets.
class CoinbaseLedger {
public:
    // A deferred fee paid: the coinbase's balance after it, and which of the coinbase's
    // states (its nonce and code hash) it was paid into.
    struct Payment {
        Uint256 balance;
        std::uint32_t state = 0;
    };

    CoinbaseLedger(const Address& coinbase, const std::optional<state::Account>& pre) : coinbase_(coinbase) {
        if (pre) enter(*pre);
    }

    // The next transaction in block order: the payment of its deferred fee, or nothing when it
    // paid in place (it loaded the coinbase: its own `writes`, if given, hold the coinbase; a
    // transaction that never wrote the coinbase may pass nullptr).
    [[nodiscard]] std::optional<Payment> advance(const std::optional<Uint256>& deferred_fee,
                                                 const state::WriteSet* writes) {
        if (deferred_fee) return pay(*deferred_fee);
        if (writes) observe(*writes);
        return std::nullopt;
    }

    // The coinbase write a payment adds to its transaction's write set: what add_balance(coinbase,
    // fee) and touch(coinbase) would have written (the transaction never loaded the coinbase,
    // so its write set has no entry for it).
    [[nodiscard]] state::AccountWrite write_of(const Payment& p) const {
        state::AccountWrite w;
        w.address = coinbase_;
        w.nonce = states_[p.state].nonce;
        w.balance = p.balance;
        w.code_hash = states_[p.state].code_hash;
        return w;
    }

    // advance() and write_of() in one step.
    [[nodiscard]] std::optional<state::AccountWrite> settle(const std::optional<Uint256>& deferred_fee,
                                                            const state::WriteSet& writes) {
        const auto paid = advance(deferred_fee, &writes);
        if (!paid) return std::nullopt;
        return write_of(*paid);
    }

    // Whether `writes` has an entry for `coinbase`.
    [[nodiscard]] static bool written_in(const state::WriteSet& writes, const Address& coinbase) {
        return entry(writes, coinbase) != nullptr;
    }

    static void insert(state::WriteSet& writes, state::AccountWrite w) {
        const auto at = lower_bound(writes, w.address);
        writes.accounts.insert(at, std::move(w));
    }

private:
    // A transaction that loaded the coinbase paid in place: its write (if any) is the truth.
    void observe(const state::WriteSet& writes) {
        const state::AccountWrite* it = entry(writes, coinbase_);
        if (!it) return;
        if (it->deleted) {
            exists_ = false;
            return;
        }
        state::Account a;
        a.nonce = it->nonce;
        a.balance = it->balance;
        a.code_hash = it->code_hash;
        enter(a);
    }

    [[nodiscard]] std::optional<Payment> pay(const Uint256& fee) {
        // An existing coinbase that is empty would be deleted (EIP-161) by a fee of zero; the
        // executor runs such blocks sequentially, so a zero fee changes nothing here.
        if (fee.is_zero()) return std::nullopt;
        if (!exists_) enter(state::Account{});
        balance_ += fee;
        return Payment{balance_, static_cast<std::uint32_t>(states_.size() - 1)};
    }

    void enter(const state::Account& a) {
        states_.push_back(a);
        balance_ = a.balance;
        exists_ = true;
    }

    // Where `a` is or would go in the write set's accounts (sorted by address).
    static std::vector<state::AccountWrite>::const_iterator lower_bound(const state::WriteSet& writes,
                                                                        const Address& a) {
        return std::lower_bound(writes.accounts.begin(), writes.accounts.end(), a,
                                [](const state::AccountWrite& w, const Address& x) { return w.address < x; });
    }

    // The write set's entry for `a`, or nullptr.
    static const state::AccountWrite* entry(const state::WriteSet& writes, const Address& a) {
        const auto it = lower_bound(writes, a);
        return it != writes.accounts.end() && it->address == a ? &*it : nullptr;
    }

    Address coinbase_;
    // The coinbase's states in block order: the pre-state's, then one per transaction that
    // wrote it in place and each time a payment brought it into existence. Payments refer to
    // them by position. Its balance after the latest transaction is `balance_`.
    std::vector<state::Account> states_;
    bool exists_ = false;
    Uint256 balance_;
};

// What the block-order assembly needs of a transaction's last incarnation, packed: the
// assembly walks the block in order on one thread, and the workers' slots lie kilobytes apart
// (a cache miss each). Written by the worker that ran the incarnation, then by the assembly.
struct TxSummary {
    std::optional<Uint256> deferred_fee;  // a copy of the slot's
    std::uint64_t gas_used = 0;
    std::uint64_t blob_gas_used = 0;
    bool invalid = false;          // TxRun::error is set
    bool writes_coinbase = false;  // its write set has the coinbase (it paid in place)
    // Set by the assembly.
    std::uint64_t cumulative_gas = 0;
    std::optional<CoinbaseLedger::Payment> payment;
};

// Why Block-STM stopped before the end of a block, which then runs sequentially.
enum class GiveUp : std::uint8_t {
    none,
    conflicts,    // the conflict guard (ParallelOptions::max_reexecution_share)
    memory_full,  // the block wrote more locations than the multi-version memory had room for
};

// One block's Block-STM run.
class BlockStm final : private detail::DeferredFees {
public:
    // `memory`, `scheduler`, `slots` and `summaries` (at least txs.size() of each, slots fresh
    // or released) are the executor's, reused from block to block.
    // `results` is storage to build the results in: a block that falls back to sequential
    // execution leaves it there for the next one (see ParallelExecutor::Impl).
    BlockStm(const state::StateReader& pre, const evm::BlockContext& ctx, std::span<const tx::Transaction> txs,
             const ParallelOptions& options, detail::MvMemory& memory, detail::PreStateCache& cache,
             detail::Scheduler& scheduler, TxSlot* slots, TxSummary* summaries, std::vector<TxRun>& results)
        : pre_(pre), ctx_(ctx), txs_(txs), options_(options), memory_(memory), scheduler_(scheduler), slots_(slots),
          summaries_(summaries), results_(results), cache_(cache), view_{memory_, cache, code_, ctx.coinbase, *this} {}

    // Runs the workers; says why when they gave up on the block.
    GiveUp run(tbb::task_arena& arena, unsigned threads) {
        arena.execute([&] {
            tbb::task_group group;
            // The other workers are woken first: waking a sleeping thread takes from tens of
            // microseconds to milliseconds on a VM, and this thread prepares the block
            // meanwhile (a large block's result storage alone takes half a millisecond).
            for (unsigned k = 1; k < threads; ++k) {
                group.run([this] {
                    if (wait_until_prepared()) work();
                });
            }
            try {
                prepare();
            } catch (...) {
                // The workers already started must not wait for a block that will not come.
                prepared_.store(Prepared::failed, std::memory_order_release);
                group.wait();
                throw;
            }
            work();
            group.wait();
        });
        return gave_up_.load();
    }

    // The results in block order. The order-dependent part (where the block ends, the
    // cumulative gas, the coinbase's balance after each lazy payment) is a quick serial pass
    // over the summaries; patching the results runs on all threads, and so does releasing the
    // memory.
    BlockRun assemble(tbb::task_arena& arena) {
        const std::size_t n = txs_.size();
        BlockRun run;
        CoinbaseLedger coinbase(ctx_.coinbase, pre_.read_account(ctx_.coinbase));
        std::size_t decided = 0;
        for (; decided < n; ++decided) {
            TxSummary& t = summaries_[decided];
            if (ends_block(txs_[decided], ctx_.gas_limit - run.gas_used, kMaxBlobGasPerBlock - run.blob_gas_used)) break;
            if (t.invalid) continue;
            run.gas_used += t.gas_used;
            run.blob_gas_used += t.blob_gas_used;
            t.cumulative_gas = run.gas_used;
            t.payment = coinbase.advance(t.deferred_fee, t.writes_coinbase ? &results_[decided].writes : nullptr);
        }
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, decided, 64), [&](const auto& range) {
                for (std::size_t i = range.begin(); i != range.end(); ++i) {
                    const TxSummary& t = summaries_[i];
                    if (t.invalid) continue;
                    TxRun& r = results_[i];
                    if (t.payment) CoinbaseLedger::insert(r.writes, coinbase.write_of(*t.payment));
                    r.executed.receipt.cumulative_gas_used = t.cumulative_gas;
                }
            });
        });
        release(arena, [](std::size_t) {});
        results_.resize(decided);
        run.txs = std::move(results_);
        results_ = {};
        return run;
    }

    // After the workers gave up on the block: its first transactions keep Block-STM's results
    // as long as they are final - each executed, and its reads still resolving to what it saw
    // over the transactions before it, which are final themselves - and the rest of the block
    // runs sequentially on top of them. Sets `kept` to how many were kept.
    BlockRun finish_sequentially(tbb::task_arena& arena, std::size_t& kept) {
        const std::size_t n = txs_.size();
        BlockRun run;
        run.txs.reserve(n);
        BlockExecutor executor(pre_, ctx_);
        CoinbaseLedger coinbase(ctx_.coinbase, pre_.read_account(ctx_.coinbase));
        std::size_t i = 0;
        std::size_t end = n;
        for (; i < n; ++i) {
            const TxSlot& slot = slots_[i];
            const TxSummary& summary = summaries_[i];
            if (!scheduler_.executed(i) || !slot.has_reads || !detail::validate(slot.reads, view_, i)) break;
            if (ends_block(txs_[i], executor.gas_left(), kMaxBlobGasPerBlock - executor.blob_gas_used())) {
                end = i;
                break;
            }
            TxRun& r = results_[i];
            run.txs.emplace_back();
            if (r.error) {
                run.txs.back().error = r.error;
                continue;
            }
            if (auto w = coinbase.settle(summary.deferred_fee, r.writes)) CoinbaseLedger::insert(r.writes, std::move(*w));
            executor.adopt(std::move(r.executed), std::move(r.writes), summary.blob_gas_used);
        }
        kept = i;
        // The results stay with the executor for the next block (ParallelExecutor::Impl), as
        // fresh as prepare() leaves them: the kept ones were moved from, the others are void.
        release(arena, [this](std::size_t tx) { results_[tx] = TxRun{}; });
        finish_block_sequential(executor, txs_.first(end), i, run);
        return run;
    }

    // Releases the memory and the per-transaction state for the next block, and calls
    // also(tx) for each transaction executed. Only the transactions up to the highest one
    // executed need it: a block the conflict guard gave up on early executed few of them, and
    // the others' slots are as fresh as they were. A large block is released on every thread.
    template <class Also>
    void release(tbb::task_arena& arena, Also&& also) {
        const std::size_t end = executed_end_.load(std::memory_order_relaxed);
        const auto release_part = [&](std::size_t part, std::size_t parts) {
            memory_.release(part, parts, end);
            for (std::size_t i = part; i < end; i += parts) {
                TxSlot& slot = slots_[i];
                also(i);
                if (!slot.has_reads && !slot.deferred_fee) continue;
                slot.reads = {};
                slot.has_reads = false;
                slot.deferred_fee.reset();
            }
        };
        if (end < 256) {
            release_part(0, 1);
            return;
        }
        constexpr std::size_t kParts = 16;
        arena.execute([&] { tbb::parallel_for(std::size_t{0}, kParts, [&](std::size_t k) { release_part(k, kParts); }); });
    }

    void fill(ParallelStats& stats) const {
        stats.executions = executions_.load();
        stats.validations = validations_.load();
        stats.dependency_waits = dependency_waits_.load();
    }

private:
    void prepare() {
        // Fresh: a block that fell back left them so (finish_sequentially), a completed one
        // handed them to its caller.
        if (results_.size() < txs_.size()) results_.resize(txs_.size());
        cache_.begin(pre_, txs_.size());
        memory_.begin(txs_.size());
        scheduler_.reset(txs_.size());
        prepared_.store(Prepared::ready, std::memory_order_release);
    }

    // False when preparing the block failed (it threw).
    [[nodiscard]] bool wait_until_prepared() const {
        Prepared state = prepared_.load(std::memory_order_acquire);
        for (unsigned spins = 0; state == Prepared::pending; ++spins) {
            if (spins >= 64) std::this_thread::yield();
            state = prepared_.load(std::memory_order_acquire);
        }
        return state == Prepared::ready;
    }

    // Counted by each worker on its own and added up when it stops: counters shared by the
    // workers would bounce a cache line between the cores on every task.
    struct WorkerCounts {
        std::size_t executions = 0;
        std::size_t validations = 0;
        std::size_t dependency_waits = 0;
        TxIndex executed_end = 0;  // one past the highest transaction this worker executed
        detail::ConflictGuard guard;
    };

    void work() {
        WorkerCounts counts{.guard = detail::ConflictGuard(options_.probe_executions, options_.max_reexecution_share)};
        std::optional<detail::Task> task;
        unsigned misses = 0;
        while (!scheduler_.done()) {
            if (task) {
                task = task->kind == detail::Task::Kind::execute ? execute(task->version, counts)
                                                                 : validate(task->version, counts);
                continue;
            }
            task = scheduler_.next_task();
            if (task) {
                misses = 0;
            } else if (++misses % 16 == 0) {
                // A miss is usually the validation index passing a transaction another worker is
                // still executing, and the next call finds work; only a run of misses means
                // waiting, and then the core is given away.
                std::this_thread::yield();
            }
        }
        executions_.fetch_add(counts.executions, std::memory_order_relaxed);
        validations_.fetch_add(counts.validations, std::memory_order_relaxed);
        dependency_waits_.fetch_add(counts.dependency_waits, std::memory_order_relaxed);
        TxIndex end = executed_end_.load(std::memory_order_relaxed);
        while (counts.executed_end > end &&
               !executed_end_.compare_exchange_weak(end, counts.executed_end, std::memory_order_relaxed)) {
        }
    }

    std::optional<detail::Task> execute(detail::Version v, WorkerCounts& counts) {
        const TxIndex i = v.tx;
        TxSlot& slot = slots_[i];
        prefetch_for_write(slot, 256);  // the small fields and the first account reads
        prefetch_for_write(summaries_[i]);
        prefetch_for_write(results_[i]);
        counts.executed_end = std::max(counts.executed_end, i + 1);
        for (;;) {
            if (options_.before_execution) options_.before_execution(i);
            ++counts.executions;
            if (counts.guard.before_execution(v.incarnation > 0)) {
                give_up(GiveUp::conflicts);
                return std::nullopt;
            }
            detail::MvReader reader(view_, i);
            state::StateView view(reader);
            auto applied = apply_transaction(view, ctx_, txs_[i], nullptr, CoinbasePayment::deferred_if_untouched);
            if (const auto blocking = reader.blocked_by()) {
                ++counts.dependency_waits;
                counts.guard.stopped_by_dependency();
                if (scheduler_.add_dependency(i, *blocking)) return std::nullopt;
                continue;  // the blocking transaction has executed meanwhile: run again now
            }
            detail::Writes writes;
            TxRun& result = results_[i];
            TxSummary& summary = summaries_[i];
            bool fee_changed = false;
            if (applied) {
                result.error.reset();
                result.writes = view.write_set();
                writes = versioned_writes(result.writes, reader, code_);
                summary.invalid = false;
                summary.gas_used = applied->gas_used;
                summary.blob_gas_used = applied->blob_gas_used;
                summary.deferred_fee = applied->deferred_fee;
                summary.writes_coinbase = !applied->deferred_fee && CoinbaseLedger::written_in(result.writes, ctx_.coinbase);
                fee_changed = set_fee(slot, applied->deferred_fee);
                // Room for the coinbase's entry the assembly adds, so that it allocates nothing.
                if (applied->deferred_fee) result.writes.accounts.reserve(result.writes.accounts.size() + 1);
                result.executed = executed_from(txs_[i], std::move(*applied), 0);
            } else {
                result.error = applied.error();
                result.writes = {};
                result.executed = {};
                summary = TxSummary{};
                summary.invalid = true;
                fee_changed = set_fee(slot, std::nullopt);
            }
            {
                const std::lock_guard guard(slot.reads_lock);
                slot.reads = std::move(reader.reads());
                slot.has_reads = true;
            }
            const detail::RecordResult recorded =
                memory_.record(i, std::span<const detail::Write>(writes.data(), writes.size()));
            if (recorded == detail::RecordResult::full) {
                give_up(GiveUp::memory_full);
                return std::nullopt;
            }
            // A changed fee counts as a new write: coinbase readers above must be validated again.
            const bool wrote_new = recorded == detail::RecordResult::new_location || fee_changed;
            return scheduler_.finish_execution(v, wrote_new);
        }
    }

    std::optional<detail::Task> validate(detail::Version v, WorkerCounts& counts) {
        ++counts.validations;
        TxSlot& slot = slots_[v.tx];
        bool valid = false;
        {
            // Held while validating: an execution of the same transaction storing its reads
            // waits (rare, and as short as a validation).
            const std::lock_guard guard(slot.reads_lock);
            valid = slot.has_reads && detail::validate(slot.reads, view_, v.tx);
        }
        const bool aborted = !valid && scheduler_.try_validation_abort(v);
        if (aborted) memory_.mark_estimates(v.tx);
        return scheduler_.finish_validation(v.tx, aborted);
    }

    Uint256 sum(TxIndex from, TxIndex to) const override {
        Uint256 total;
        for (TxIndex i = from; i < to; ++i) {
            const TxSlot& slot = slots_[i];
            const std::lock_guard guard(slot.fee_lock);
            if (slot.deferred_fee) total += *slot.deferred_fee;
        }
        return total;
    }

    // Publishes the incarnation's deferred fee; true when it differs from the last one's, which
    // readers of the coinbase above may have summed.
    bool set_fee(TxSlot& slot, const std::optional<Uint256>& fee) {
        const std::lock_guard guard(slot.fee_lock);
        const bool changed = slot.deferred_fee != fee;
        slot.deferred_fee = fee;
        return changed;
    }

    void give_up(GiveUp why) {
        GiveUp none = GiveUp::none;
        gave_up_.compare_exchange_strong(none, why);
        scheduler_.halt();
    }

    const state::StateReader& pre_;
    const evm::BlockContext& ctx_;
    std::span<const tx::Transaction> txs_;
    const ParallelOptions& options_;
    detail::MvMemory& memory_;
    detail::DeployedCode code_;
    detail::Scheduler& scheduler_;
    TxSlot* slots_;
    TxSummary* summaries_;
    // Each transaction's decision, receipt and write set, written by the worker that ran
    // its last incarnation; the block's result once assembled.
    std::vector<TxRun>& results_;
    detail::PreStateCache& cache_;
    detail::MvContext view_;
    // Whether prepare() readied the memory, the cache, the scheduler and the results.
    enum class Prepared : std::uint8_t { pending, ready, failed };
    alignas(64) std::atomic<Prepared> prepared_{Prepared::pending};
    // Written while the workers run: on a cache line of its own, away from the members
    // above, which every worker reads all the time.
    alignas(64) std::atomic<GiveUp> gave_up_{GiveUp::none};
    // Added up by the workers when they stop.
    alignas(64) std::atomic<std::size_t> executions_{0};
    std::atomic<std::size_t> validations_{0};
    std::atomic<std::size_t> dependency_waits_{0};
    std::atomic<TxIndex> executed_end_{0};
};

}  // namespace

double ParallelStats::reexecutions_per_tx() const noexcept {
    if (txs == 0 || executions <= txs) return 0;
    return static_cast<double>(executions - txs) / static_cast<double>(txs);
}

struct ParallelExecutor::Impl {
    ParallelOptions options;
    unsigned threads;
    tbb::task_arena arena;
    // Reused block after block (BlockStm releases them at the end of each).
    detail::MvMemory memory;
    detail::PreStateCache pre_cache;
    detail::Scheduler scheduler;
    std::unique_ptr<TxSlot[]> slots;
    std::unique_ptr<TxSummary[]> summaries;
    // The results of the block being run. A run that completes hands the vector to its
    // caller; one the conflict guard gives up on keeps it, so that blocks falling back to the
    // sequential path one after another do not pay for fresh memory each time.
    std::vector<TxRun> results;
    std::size_t slot_capacity = 0;

    // Room in `slots` and `summaries` for a block of `txs` transactions.
    void reserve(std::size_t txs) {
        if (txs <= slot_capacity) return;
        slot_capacity = std::max(txs, slot_capacity * 2);
        slots = std::make_unique<TxSlot[]>(slot_capacity);
        summaries = std::make_unique<TxSummary[]>(slot_capacity);
    }

    explicit Impl(ParallelOptions o)
        : options(o),
          threads(o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency())),
          arena(static_cast<int>(threads)) {}
};

ParallelExecutor::ParallelExecutor(ParallelOptions options) : impl_(std::make_unique<Impl>(options)) {}

ParallelExecutor::~ParallelExecutor() = default;

unsigned ParallelExecutor::threads() const noexcept { return impl_->threads; }

BlockRun ParallelExecutor::run(const state::StateReader& pre, const evm::BlockContext& ctx,
                               std::span<const tx::Transaction> txs, ParallelStats* stats) {
    ParallelStats local;
    ParallelStats& s = stats ? *stats : local;
    s = ParallelStats{};
    s.txs = txs.size();
    const auto sequential = [&](std::string why) {
        s.sequential = true;
        s.why_sequential = std::move(why);
        return run_block_sequential(pre, ctx, txs);
    };
    if (impl_->threads <= 1) return sequential("single thread");
    if (txs.size() < impl_->options.min_txs) return sequential("small block");
    // EIP-161 would delete an existing empty coinbase at the first fee of zero, which a
    // deferred payment cannot see. Only a pre-state can hold such an account.
    if (const auto cb = pre.read_account(ctx.coinbase); cb && cb->is_empty()) return sequential("empty coinbase");

    impl_->reserve(txs.size());
    BlockStm stm(pre, ctx, txs, impl_->options, impl_->memory, impl_->pre_cache, impl_->scheduler,
                 impl_->slots.get(), impl_->summaries.get(), impl_->results);
    const GiveUp gave_up = stm.run(impl_->arena, impl_->threads);
    stm.fill(s);
    if (gave_up != GiveUp::none) {
        BlockRun run = stm.finish_sequentially(impl_->arena, s.kept_from_parallel);
        s.sequential = true;
        s.why_sequential = gave_up == GiveUp::conflicts ? "conflicts" : "multi-version memory full";
        s.executions += run.txs.size() - std::min(run.txs.size(), s.kept_from_parallel);
        return run;
    }
    return stm.assemble(impl_->arena);
}

std::vector<std::pair<std::size_t, std::string>> ParallelExecutor::recover_senders(std::span<tx::Transaction> txs) {
    std::vector<std::pair<std::size_t, std::string>> invalid;
    auto senders = tx::recover_senders(txs, impl_->threads);
    for (std::size_t i = 0; i < txs.size(); ++i) {
        if (senders[i]) {
            txs[i].sender = *senders[i];
        } else {
            invalid.emplace_back(i, tx::to_string(senders[i].error()));
        }
    }
    return invalid;
}

}  // namespace optimist::exec
