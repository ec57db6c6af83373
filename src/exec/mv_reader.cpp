#include "mv_reader.hpp"

#include <optimist/exec/block_overlay.hpp>  // kUnknownStorageRoot

namespace optimist::exec::detail {
namespace {

struct SlotResolution {
    std::optional<TxIndex> blocked_by;
    Uint256 value;
};

// `pre` caches the pre-state's value across calls: it never changes.
SlotResolution resolve_slot(const MvMemory& memory, const state::StateReader& pre_state, const Address& a,
                            const Uint256& slot, TxIndex tx, std::optional<Uint256>& pre) {
    const StorageResolution r = memory.storage(a, slot, tx);
    if (r.blocked_by) return {r.blocked_by, {}};
    if (r.found) return {std::nullopt, r.value};
    if (!pre) pre = pre_state.read_storage(a, slot);
    return {std::nullopt, *pre};
}

}  // namespace

void DeployedCode::add(const Hash& hash, const Bytes& code) {
    const std::lock_guard guard(lock_);
    code_.try_emplace(hash, code);
}

std::optional<Bytes> DeployedCode::find(const Hash& hash) const {
    const std::lock_guard guard(lock_);
    const auto it = code_.find(hash);
    if (it == code_.end()) return std::nullopt;
    return it->second;
}

AccountResolution resolve_account(const MvMemory& memory, const Address& a, TxIndex tx,
                                  const std::optional<state::Account>& pre) {
    const InfoResolution info = memory.info(a, tx);
    if (info.blocked_by) return {info.blocked_by, std::nullopt};
    const BalanceResolution balance = memory.balance(a, tx);
    if (balance.blocked_by) return {balance.blocked_by, std::nullopt};
    if (!info.found && !balance.has_base && balance.deltas.is_zero()) return {std::nullopt, pre};

    const Uint256 base = balance.has_base ? balance.base : (pre ? pre->balance : Uint256{});
    state::Account account;
    account.balance = base + balance.deltas;
    bool exists = pre.has_value();
    if (info.found) {
        exists = info.info.exists;
        account.nonce = info.info.nonce;
        account.code_hash = info.info.code_hash;
    } else if (pre) {
        account.nonce = pre->nonce;
        account.code_hash = pre->code_hash;
    }
    if (!exists) {
        // Brought into existence by deferred coinbase fees alone: a fresh, empty account.
        if (account.balance.is_zero()) return {std::nullopt, std::nullopt};
        account.nonce = 0;
        account.code_hash = kEmptyCodeHash;
        account.storage_root = kEmptyTrieRoot;
        return {std::nullopt, account};
    }
    // Only the emptiness of the root is ever asked (StateView::has_committed_storage, the
    // EIP-7610 CREATE collision rule, which only matters for an account with nonce 0 and no
    // code). After a wipe in the block, storage can only have been written again by code
    // running at the address, which a creation put there with nonce 1: so an account with
    // nonce 0 and no code has no storage, and for any other "unknown" serves (the
    // convention BlockOverlay follows in sequential execution).
    if (info.storage_wiped) {
        const bool bare = account.nonce == 0 && account.code_hash == kEmptyCodeHash;
        account.storage_root = bare ? kEmptyTrieRoot : kUnknownStorageRoot;
    } else {
        account.storage_root = pre ? pre->storage_root : kEmptyTrieRoot;
    }
    return {std::nullopt, account};
}

bool validate(const ReadSet& reads, const MvMemory& memory, const state::StateReader& pre, TxIndex tx) {
    for (const AccountRead& r : reads.accounts) {
        const AccountResolution now = resolve_account(memory, r.address, tx, r.pre);
        if (now.blocked_by || now.account != r.seen) return false;
    }
    for (const StorageRead& r : reads.storage) {
        std::optional<Uint256> pre_value = r.pre;
        const SlotResolution now = resolve_slot(memory, pre, r.address, r.slot, tx, pre_value);
        if (now.blocked_by || now.value != r.seen) return false;
    }
    return true;
}

std::optional<state::Account> MvReader::read_account(const Address& address) const {
    std::optional<state::Account> pre = pre_.read_account(address);
    if (blocked_by_) return pre;
    AccountResolution r = resolve_account(memory_, address, tx_, pre);
    if (r.blocked_by) {
        blocked_by_ = r.blocked_by;
        return pre;
    }
    reads_.accounts.push_back(AccountRead{address, std::move(pre), r.account});
    return r.account;
}

Uint256 MvReader::read_storage(const Address& address, const Uint256& key) const {
    if (blocked_by_) return pre_.read_storage(address, key);
    std::optional<Uint256> pre;
    const SlotResolution r = resolve_slot(memory_, pre_, address, key, tx_, pre);
    if (r.blocked_by) {
        blocked_by_ = r.blocked_by;
        return pre_.read_storage(address, key);
    }
    reads_.storage.push_back(StorageRead{address, key, pre, r.value});
    return r.value;
}

Bytes MvReader::read_code(const Hash& code_hash) const {
    if (code_hash == kEmptyCodeHash) return {};
    if (auto deployed = code_.find(code_hash)) return std::move(*deployed);
    return pre_.read_code(code_hash);
}

const AccountRead* MvReader::account_read(const Address& a) const noexcept {
    for (const AccountRead& r : reads_.accounts) {
        if (r.address == a) return &r;
    }
    return nullptr;
}

}  // namespace optimist::exec::detail
