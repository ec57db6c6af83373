#include "mv_reader.hpp"

#include <optimist/exec/block_overlay.hpp>  // kUnknownStorageRoot

namespace optimist::exec::detail {
namespace {

struct SlotResolution {
    std::optional<TxIndex> blocked_by;
    Uint256 value;
};

// `pre` caches the pre-state's value across calls: it never changes.
SlotResolution resolve_slot(const MvContext& ctx, const Address& a, const Uint256& slot, TxIndex tx,
                            std::optional<Uint256>& pre) {
    const StorageResolution r = ctx.memory.storage(a, slot, tx);
    if (r.blocked_by) return {r.blocked_by, {}};
    if (r.found) return {std::nullopt, r.value};
    if (!pre) pre = ctx.pre.read_storage(a, slot);
    return {std::nullopt, *pre};
}

}  // namespace

void DeployedCode::add(const Hash& hash, const Bytes& code) {
    const std::lock_guard guard(lock_);
    code_.try_emplace(hash, code);
    any_.store(true, std::memory_order_release);
}

std::optional<Bytes> DeployedCode::find(const Hash& hash) const {
    if (!any_.load(std::memory_order_acquire)) return std::nullopt;
    const std::lock_guard guard(lock_);
    const auto it = code_.find(hash);
    if (it == code_.end()) return std::nullopt;
    return it->second;
}

AccountResolution resolve_account(const MvContext& ctx, const Address& a, TxIndex tx,
                                  const std::optional<state::Account>& pre) {
    const auto [info, balance] = ctx.memory.account(a, tx);
    if (info.blocked_by) return {info.blocked_by, std::nullopt};
    if (balance.blocked_by) return {balance.blocked_by, std::nullopt};
    // The fees deferred since the balance was last written (the writer's own are in it).
    const Uint256 fees = a == ctx.coinbase ? ctx.fees.sum(balance.found ? balance.writer + 1 : 0, tx) : Uint256{};
    if (!info.found && !balance.found && fees.is_zero()) return {std::nullopt, pre};

    const Uint256 base = balance.found ? balance.value : (pre ? pre->balance : Uint256{});
    state::Account account;
    account.balance = base + fees;
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

bool validate(const ReadSet& reads, const MvContext& ctx, TxIndex tx) {
    for (const AccountRead& r : reads.accounts) {
        const AccountResolution now = resolve_account(ctx, r.address, tx, r.pre);
        if (now.blocked_by || now.account != r.seen) return false;
    }
    for (const StorageRead& r : reads.storage) {
        std::optional<Uint256> pre_value = r.pre;
        const SlotResolution now = resolve_slot(ctx, r.address, r.slot, tx, pre_value);
        if (now.blocked_by || now.value != r.seen) return false;
    }
    return true;
}

std::optional<state::Account> MvReader::read_account(const Address& address) const {
    std::optional<state::Account> pre = ctx_.pre.read_account(address);
    if (blocked_by_) return pre;
    AccountResolution r = resolve_account(ctx_, address, tx_, pre);
    if (r.blocked_by) {
        blocked_by_ = r.blocked_by;
        return pre;
    }
    reads_.accounts.push_back(AccountRead{address, std::move(pre), r.account});
    return r.account;
}

Uint256 MvReader::read_storage(const Address& address, const Uint256& key) const {
    if (blocked_by_) return ctx_.pre.read_storage(address, key);
    std::optional<Uint256> pre;
    const SlotResolution r = resolve_slot(ctx_, address, key, tx_, pre);
    if (r.blocked_by) {
        blocked_by_ = r.blocked_by;
        return ctx_.pre.read_storage(address, key);
    }
    reads_.storage.push_back(StorageRead{address, key, pre, r.value});
    return r.value;
}

Bytes MvReader::read_code(const Hash& code_hash) const {
    if (code_hash == kEmptyCodeHash) return {};
    if (auto deployed = ctx_.code.find(code_hash)) return std::move(*deployed);
    return ctx_.pre.read_code(code_hash);
}

const AccountRead* MvReader::account_read(const Address& a) const noexcept {
    for (const AccountRead& r : reads_.accounts) {
        if (r.address == a) return &r;
    }
    return nullptr;
}

}  // namespace optimist::exec::detail
