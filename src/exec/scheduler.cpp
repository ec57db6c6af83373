#include "scheduler.hpp"

#include <algorithm>

namespace optimist::exec::detail {

void Scheduler::reset(std::size_t txs) {
    if (txs > capacity_) {
        capacity_ = std::max(txs, capacity_ * 2);
        states_ = std::make_unique<TxState[]>(capacity_);
    }
    for (std::size_t i = 0; i < txs; ++i) {
        TxState& s = states_[i];
        s.status = Status::ready;
        s.incarnation = 0;
        s.dependents.clear();
    }
    size_ = static_cast<TxIndex>(txs);
    execution_index_ = 0;
    validation_index_ = 0;
    decrease_count_ = 0;
    active_tasks_ = 0;
    done_ = txs == 0;
}

void Scheduler::decrease_execution_index(TxIndex target) {
    TxIndex current = execution_index_.load();
    while (current > target && !execution_index_.compare_exchange_weak(current, target)) {
    }
    decrease_count_.fetch_add(1);
}

void Scheduler::decrease_validation_index(TxIndex target) {
    TxIndex current = validation_index_.load();
    while (current > target && !validation_index_.compare_exchange_weak(current, target)) {
    }
    decrease_count_.fetch_add(1);
}

void Scheduler::check_done() {
    const std::uint64_t observed = decrease_count_.load();
    if (std::min(execution_index_.load(), validation_index_.load()) >= size_ && active_tasks_.load() == 0 &&
        observed == decrease_count_.load()) {
        done_.store(true, std::memory_order_release);
    }
}

std::optional<Version> Scheduler::try_incarnate(TxIndex tx) {
    if (tx < size_) {
        TxState& s = states_[tx];
        const std::lock_guard guard(s.lock);
        if (s.status == Status::ready) {
            s.status = Status::executing;
            return Version{tx, s.incarnation};
        }
    }
    active_tasks_.fetch_sub(1);
    return std::nullopt;
}

std::optional<Version> Scheduler::next_version_to_execute() {
    if (execution_index_.load() >= size_) {
        check_done();
        return std::nullopt;
    }
    active_tasks_.fetch_add(1);
    return try_incarnate(execution_index_.fetch_add(1));
}

std::optional<Version> Scheduler::next_version_to_validate() {
    if (validation_index_.load() >= size_) {
        check_done();
        return std::nullopt;
    }
    active_tasks_.fetch_add(1);
    const TxIndex tx = validation_index_.fetch_add(1);
    if (tx < size_) {
        TxState& s = states_[tx];
        const std::lock_guard guard(s.lock);
        if (s.status == Status::executed) return Version{tx, s.incarnation};
    }
    active_tasks_.fetch_sub(1);
    return std::nullopt;
}

std::optional<Task> Scheduler::next_task() {
    if (validation_index_.load() < execution_index_.load()) {
        if (auto v = next_version_to_validate()) return Task{Task::Kind::validate, *v};
    } else {
        if (auto v = next_version_to_execute()) return Task{Task::Kind::execute, *v};
    }
    return std::nullopt;
}

bool Scheduler::add_dependency(TxIndex tx, TxIndex blocking) {
    TxState& b = states_[blocking];
    {
        const std::lock_guard guard(b.lock);
        if (b.status == Status::executed) return false;
        // Parked under the blocking transaction's lock: finish_execution sets it executed
        // and takes its dependents under that lock, so it either sees `tx` here or we saw
        // it executed above. (Locks nest lower index first only, so they cannot deadlock.)
        {
            TxState& s = states_[tx];
            const std::lock_guard own(s.lock);
            s.status = Status::aborting;
        }
        b.dependents.push_back(tx);
    }
    active_tasks_.fetch_sub(1);
    return true;
}

void Scheduler::set_ready(TxIndex tx) {
    TxState& s = states_[tx];
    const std::lock_guard guard(s.lock);
    ++s.incarnation;
    s.status = Status::ready;
}

std::optional<Task> Scheduler::finish_execution(Version v, bool wrote_new_location) {
    std::vector<TxIndex> dependents;
    {
        TxState& s = states_[v.tx];
        const std::lock_guard guard(s.lock);
        s.status = Status::executed;
        dependents.swap(s.dependents);
    }
    if (!dependents.empty()) {
        for (const TxIndex d : dependents) set_ready(d);
        decrease_execution_index(*std::min_element(dependents.begin(), dependents.end()));
    }
    if (validation_index_.load() > v.tx) {
        // Validation already went past this transaction: validate it now, and everything
        // above too if it wrote somewhere new (their reads may have missed it).
        if (!wrote_new_location) return Task{Task::Kind::validate, v};
        decrease_validation_index(v.tx);
    }
    active_tasks_.fetch_sub(1);
    return std::nullopt;
}

bool Scheduler::executed(TxIndex tx) {
    TxState& s = states_[tx];
    const std::lock_guard guard(s.lock);
    return s.status == Status::executed;
}

bool Scheduler::try_validation_abort(Version v) {
    TxState& s = states_[v.tx];
    const std::lock_guard guard(s.lock);
    if (s.incarnation == v.incarnation && s.status == Status::executed) {
        s.status = Status::aborting;
        return true;
    }
    return false;
}

std::optional<Task> Scheduler::finish_validation(TxIndex tx, bool aborted) {
    if (aborted) {
        set_ready(tx);
        decrease_validation_index(tx + 1);
        if (execution_index_.load() > tx) {
            // Keeps this task's active count for the re-execution.
            if (auto v = try_incarnate(tx)) return Task{Task::Kind::execute, *v};
            return std::nullopt;  // try_incarnate released the count
        }
    }
    active_tasks_.fetch_sub(1);
    return std::nullopt;
}

}  // namespace optimist::exec::detail
