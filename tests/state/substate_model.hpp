// A reference model of a transaction's logical state, for checking StateView::substate():
// plain ordered maps, snapshots as whole copies (so a revert is right by construction), and
// the substate rules of substate.hpp written out directly against the reader.
#pragma once

#include <optimist/core/keccak.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/substate.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace optimist::state::test {

class SubstateModel {
public:
    explicit SubstateModel(const StateReader& reader) : reader_(reader) {}

    [[nodiscard]] bool exists(const Address& a) { return acc(a).exists; }
    [[nodiscard]] Uint256 balance(const Address& a) { return acc(a).balance; }
    [[nodiscard]] ByteView code(const Address& a) { return acc(a).code; }
    [[nodiscard]] Uint256 storage(const Address& a, const Uint256& key) {
        Acc& x = acc(a);
        if (auto it = x.storage.find(key); it != x.storage.end()) return it->second;
        return base(a, x, key);
    }

    void set_balance(const Address& a, const Uint256& v) { changed(a).balance = v; }
    void add_balance(const Address& a, const Uint256& v) { set_balance(a, balance(a) + v); }
    void sub_balance(const Address& a, const Uint256& v) { set_balance(a, balance(a) - v); }
    void set_nonce(const Address& a, std::uint64_t n) { changed(a).nonce = n; }
    void set_code(const Address& a, Bytes code) {
        Acc& x = changed(a);
        x.code_hash = code.empty() ? kEmptyCodeHash : keccak256(code);
        x.code = std::move(code);
    }
    void touch(const Address& a) { (void)changed(a); }
    void create_contract(const Address& a) {
        Acc& x = changed(a);
        x.nonce = 1;
        x.code.clear();
        x.code_hash = kEmptyCodeHash;
        x.storage.clear();
        x.storage_cleared = true;
        x.created = true;
    }
    void selfdestruct(const Address& a, const Address& beneficiary) {
        const Uint256 amount = balance(a);
        const bool created = acc(a).created;
        if (beneficiary != a) {
            add_balance(beneficiary, amount);
            set_balance(a, Uint256{});
        } else if (created) {
            set_balance(a, Uint256{});
        }
        if (created) acc(a).destructed = true;
    }
    void set_storage(const Address& a, const Uint256& key, const Uint256& v) { acc(a).storage[key] = v; }
    void set_transient_storage(const Address& a, const Uint256& key, const Uint256& v) { s_.transient[{a, key}] = v; }
    bool access_account(const Address& a) { return !s_.warm.insert(a).second; }
    bool access_storage(const Address& a, const Uint256& key) { return !s_.warm_slots.insert({a, key}).second; }
    void add_log(Log log) { s_.logs.push_back(std::move(log)); }
    void add_refund(std::int64_t delta) { s_.refund += delta; }

    [[nodiscard]] std::size_t snapshot() {
        saved_.push_back(s_);
        return saved_.size() - 1;
    }
    void revert(std::size_t snapshot) {
        s_ = saved_[snapshot];
        saved_.resize(snapshot);
    }

    [[nodiscard]] Substate substate() const {
        Substate out;
        for (const auto& [a, x] : s_.accounts) {
            const std::optional<Account>& committed = committed_account(a);
            const bool existed = committed.has_value();
            const Hash committed_code = existed ? committed->code_hash : kEmptyCodeHash;
            bool differs = x.exists != existed;
            if (!differs && x.exists) {
                differs = x.nonce != committed->nonce || x.balance != committed->balance ||
                          x.code_hash != committed->code_hash;
            }
            if (differs || x.storage_cleared || x.created || x.destructed || x.touched) {
                SubstateEntry e;
                e.kind = SubstateKind::account;
                e.address = a;
                if (x.exists) {
                    e.exists = true;
                    e.nonce = x.nonce;
                    e.balance = x.balance;
                    e.code_hash = x.code_hash;
                    if (x.created || x.code_hash != committed_code) e.code = x.code;
                }
                e.storage_cleared = x.storage_cleared;
                e.created_in_tx = x.created;
                e.destructed = x.destructed;
                e.touched = x.touched;
                out.entries.push_back(std::move(e));
            }
            for (const auto& [key, value] : x.storage) {
                if (value == base(a, x, key)) continue;
                SubstateEntry e;
                e.kind = SubstateKind::storage;
                e.address = a;
                e.key = key;
                e.value = value;
                out.entries.push_back(std::move(e));
            }
        }
        for (const Address& a : s_.warm) out.entries.push_back(entry(SubstateKind::warm_account, a, {}));
        for (const auto& [a, key] : s_.warm_slots) out.entries.push_back(entry(SubstateKind::warm_slot, a, key));
        for (const auto& [k, value] : s_.transient) {
            if (value.is_zero()) continue;
            SubstateEntry e = entry(SubstateKind::transient, k.first, k.second);
            e.value = value;
            out.entries.push_back(std::move(e));
        }
        std::sort(out.entries.begin(), out.entries.end(),
                  [](const SubstateEntry& x, const SubstateEntry& y) { return key_less(x, y); });
        out.refund = s_.refund;
        out.logs = s_.logs;
        return out;
    }

private:
    struct Acc {
        bool exists = false;
        std::uint64_t nonce = 0;
        Uint256 balance;
        Hash code_hash = kEmptyCodeHash;
        Bytes code;
        bool storage_cleared = false;
        bool created = false;
        bool destructed = false;
        bool touched = false;
        std::map<Uint256, Uint256> storage;  // written slots only
    };
    struct State {
        std::map<Address, Acc> accounts;
        std::set<Address> warm;
        std::set<std::pair<Address, Uint256>> warm_slots;
        std::map<std::pair<Address, Uint256>, Uint256> transient;
        std::vector<Log> logs;
        std::int64_t refund = 0;
    };

    static SubstateEntry entry(SubstateKind kind, const Address& a, const Uint256& key) {
        SubstateEntry e;
        e.kind = kind;
        e.address = a;
        e.key = key;
        return e;
    }

    // The reader's record, read once: InMemoryState hashes the storage trie on every read.
    const std::optional<Account>& committed_account(const Address& a) const {
        auto it = committed_.find(a);
        if (it == committed_.end()) it = committed_.emplace(a, reader_.read_account(a)).first;
        return it->second;
    }

    // A slot's value before this transaction wrote it: zero once the storage was cleared.
    Uint256 base(const Address& a, const Acc& x, const Uint256& key) const {
        return x.storage_cleared ? Uint256{} : reader_.read_storage(a, key);
    }

    Acc& acc(const Address& a) {
        auto [it, inserted] = s_.accounts.try_emplace(a);
        if (inserted) {
            if (const auto& committed = committed_account(a)) {
                it->second.exists = true;
                it->second.nonce = committed->nonce;
                it->second.balance = committed->balance;
                it->second.code_hash = committed->code_hash;
                it->second.code = reader_.read_code(committed->code_hash);
            }
        }
        return it->second;
    }

    // Any write brings the account into existence and touches it (EIP-161).
    Acc& changed(const Address& a) {
        Acc& x = acc(a);
        x.exists = true;
        x.touched = true;
        return x;
    }

    const StateReader& reader_;
    mutable std::map<Address, std::optional<Account>> committed_;
    State s_;
    std::vector<State> saved_;
};

}  // namespace optimist::state::test
