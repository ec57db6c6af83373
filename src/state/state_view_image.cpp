// StateView::serialize / deserialize: the whole view as bytes, so the step machine can stop
// after any step and resume with reverts behaving as in an uninterrupted run.
//
// Format, version 1 (byte_codec.hpp: fixed-width big-endian integers, 32-byte words,
// u32-length byte strings, u32 element counts):
//   u8 version
//   accounts     count, then per account in address order: address, account body
//   warm_accounts count, addresses in order
//   warm_slots    count, (address, key) in order
//   transient     count, (address, key, value) in (address, key) order, zero values included
//   logs          count, then per log: address, u8 topic count (<= 4), topics, data
//   refund        i64
//   storage_reads count, (address, key) in order
//   journal       count, then per entry in order: u8 tag (JournalEntry's alternative index),
//                 then its fields (below)
// account body:
//   u8 flags: existed_before, exists, code_changed, storage_cleared, created_in_tx,
//             destructed, touched (bit 0 to bit 6; bit 7 is zero)
//   if existed_before: committed nonce u64, balance, code_hash, storage_root
//   nonce u64, balance, code_hash
//   if code_changed: code (other code is the reader's: it is read again by hash when needed,
//                    so images do not repeat every contract that ran)
//   slots count, then per slot in key order: key, committed, original, current
// Fields a flag says are absent hold their defaults in memory, so each view has exactly one
// encoding, and the decoder accepts nothing else (sorted unique keys, defined flag bits only,
// no trailing bytes).
#include "state_view_impl.hpp"

#include <optimist/state/byte_codec.hpp>

#include <algorithm>
#include <unordered_map>

namespace optimist::state {

namespace {

using codec::Reader;
using codec::Writer;
using detail::CachedAccount;
using detail::Slot;
using detail::SlotKey;

constexpr std::uint8_t kVersion = 1;

// Bounds that no real transaction reaches but that keep a hostile image from asking for
// absurd work: every count is also bounded by what the remaining input can hold.
constexpr std::size_t kMaxCount = std::size_t{1} << 24;
constexpr std::size_t kMaxCode = std::size_t{1} << 24;
constexpr std::size_t kMaxLogData = std::size_t{1} << 32;  // LOG data comes from memory (< 2^32 bytes)
constexpr std::size_t kMaxTopics = 4;

enum AccountFlag : std::uint8_t {
    kExistedBefore = 1 << 0,
    kExists = 1 << 1,
    kCodeChanged = 1 << 2,
    kStorageCleared = 1 << 3,
    kCreatedInTx = 1 << 4,
    kDestructed = 1 << 5,
    kTouched = 1 << 6,
    kUndefinedFlags = 1 << 7,
};

std::uint8_t flags_of(const CachedAccount& a) {
    return static_cast<std::uint8_t>((a.existed_before ? kExistedBefore : 0) | (a.exists ? kExists : 0) |
                                     (a.code_changed ? kCodeChanged : 0) |
                                     (a.storage_cleared ? kStorageCleared : 0) |
                                     (a.created_in_tx ? kCreatedInTx : 0) | (a.destructed ? kDestructed : 0) |
                                     (a.touched ? kTouched : 0));
}

void write_account(Writer& w, const CachedAccount& a) {
    w.u8(flags_of(a));
    if (a.existed_before) {
        w.u64(a.committed.nonce);
        w.word(a.committed.balance);
        w.fixed(a.committed.code_hash);
        w.fixed(a.committed.storage_root);
    }
    w.u64(a.nonce);
    w.word(a.balance);
    w.fixed(a.code_hash);
    if (a.code_changed) w.bytes(a.code);
    std::vector<const std::pair<const Uint256, Slot>*> slots;
    slots.reserve(a.storage.size());
    for (const auto& entry : a.storage) slots.push_back(&entry);
    std::sort(slots.begin(), slots.end(), [](const auto* x, const auto* y) { return x->first < y->first; });
    w.count(slots.size());
    for (const auto* s : slots) {
        w.word(s->first);
        w.word(s->second.committed);
        w.word(s->second.original);
        w.word(s->second.current);
    }
}

CachedAccount read_account(Reader& r) {
    CachedAccount a;
    const std::uint8_t flags = r.u8();
    if ((flags & kUndefinedFlags) != 0) r.fail("account flags: undefined bits");
    a.existed_before = (flags & kExistedBefore) != 0;
    a.exists = (flags & kExists) != 0;
    a.code_changed = (flags & kCodeChanged) != 0;
    a.code_loaded = a.code_changed;
    a.storage_cleared = (flags & kStorageCleared) != 0;
    a.created_in_tx = (flags & kCreatedInTx) != 0;
    a.destructed = (flags & kDestructed) != 0;
    a.touched = (flags & kTouched) != 0;
    if (a.existed_before) {
        a.committed.nonce = r.u64();
        a.committed.balance = r.word();
        a.committed.code_hash = r.fixed<32>();
        a.committed.storage_root = r.fixed<32>();
    }
    a.nonce = r.u64();
    a.balance = r.word();
    a.code_hash = r.fixed<32>();
    if (a.code_changed) a.code = r.bytes("account code", kMaxCode);
    const std::size_t n = r.count("storage slots", kMaxCount, 4 * 32);
    a.storage.reserve(n);
    Uint256 previous;
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        const Uint256 key = r.word();
        if (i != 0 && !(previous < key)) r.fail("storage slots are not in strictly increasing key order");
        previous = key;
        Slot& s = a.storage[key];
        s.committed = r.word();
        s.original = r.word();
        s.current = r.word();
    }
    return a;
}

void write_slot_key(Writer& w, const SlotKey& k) {
    w.fixed(k.address);
    w.word(k.key);
}

SlotKey read_slot_key(Reader& r) {
    SlotKey k;
    k.address = r.fixed<20>();
    k.key = r.word();
    return k;
}

// Two booleans of a journal entry in one byte.
void write_pair(Writer& w, bool first, bool second) {
    w.u8(static_cast<std::uint8_t>((first ? 1 : 0) | (second ? 2 : 0)));
}

std::pair<bool, bool> read_pair(Reader& r) {
    const std::uint8_t v = r.u8();
    if (v > 3) r.fail("journal entry: undefined flag bits");
    return {(v & 1) != 0, (v & 2) != 0};
}

void write_entry(Writer& w, const detail::JournalEntry& entry) {
    w.u8(static_cast<std::uint8_t>(entry.index()));
    std::visit(
        [&w](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, detail::BalanceChange>) {
                w.fixed(e.a);
                w.word(e.prev);
                write_pair(w, e.prev_exists, e.prev_touched);
            } else if constexpr (std::is_same_v<T, detail::NonceChange>) {
                w.fixed(e.a);
                w.u64(e.prev);
                write_pair(w, e.prev_exists, e.prev_touched);
            } else if constexpr (std::is_same_v<T, detail::StorageChange>) {
                w.fixed(e.a);
                w.word(e.key);
                w.word(e.prev);
            } else if constexpr (std::is_same_v<T, detail::TransientChange>) {
                write_slot_key(w, e.k);
                w.word(e.prev);
            } else if constexpr (std::is_same_v<T, detail::WarmAccount>) {
                w.fixed(e.a);
            } else if constexpr (std::is_same_v<T, detail::WarmSlot>) {
                write_slot_key(w, e.k);
            } else if constexpr (std::is_same_v<T, detail::LogAdded>) {
            } else if constexpr (std::is_same_v<T, detail::RefundChange>) {
                w.i64(e.prev);
            } else if constexpr (std::is_same_v<T, detail::TouchChange>) {
                w.fixed(e.a);
                write_pair(w, e.prev_exists, e.prev_touched);
            } else {
                static_assert(std::is_same_v<T, detail::AccountReplaced>);
                w.fixed(e.a);
                write_account(w, *e.prev);
            }
        },
        entry);
}

detail::JournalEntry read_entry(Reader& r) {
    const std::uint8_t tag = r.u8();
    switch (tag) {
        case 0: {
            detail::BalanceChange e{r.fixed<20>(), r.word(), false, false};
            std::tie(e.prev_exists, e.prev_touched) = read_pair(r);
            return e;
        }
        case 1: {
            detail::NonceChange e{r.fixed<20>(), r.u64(), false, false};
            std::tie(e.prev_exists, e.prev_touched) = read_pair(r);
            return e;
        }
        case 2: {
            detail::StorageChange e;
            e.a = r.fixed<20>();
            e.key = r.word();
            e.prev = r.word();
            return e;
        }
        case 3: {
            detail::TransientChange e;
            e.k = read_slot_key(r);
            e.prev = r.word();
            return e;
        }
        case 4: return detail::WarmAccount{r.fixed<20>()};
        case 5: return detail::WarmSlot{read_slot_key(r)};
        case 6: return detail::LogAdded{};
        case 7: return detail::RefundChange{r.i64()};
        case 8: {
            detail::TouchChange e{r.fixed<20>(), false, false};
            std::tie(e.prev_exists, e.prev_touched) = read_pair(r);
            return e;
        }
        case 9: {
            detail::AccountReplaced e;
            e.a = r.fixed<20>();
            e.prev = std::make_unique<CachedAccount>(read_account(r));
            return e;
        }
        default:
            r.fail("journal entry: unknown tag " + std::to_string(tag));
            return detail::LogAdded{};
    }
}

// Undoing the journal must find every account and slot an entry names, and a log for every
// LogAdded (undo() relies on it). Replays the undo, newest entry first, on the keys alone:
// each account's slots are those of its current record until an AccountReplaced brings back
// an older copy.
Result<void, std::string> check_journal(const detail::AccountMap& accounts, std::size_t logs,
                                        const std::vector<detail::JournalEntry>& journal) {
    using Slots = std::unordered_map<Uint256, Slot, detail::Uint256Hasher>;
    std::unordered_map<Address, const Slots*, FixedBytesHasher> slots;
    slots.reserve(accounts.size());
    for (const auto& [address, acc] : accounts) slots.emplace(address, &acc.storage);
    for (std::size_t i = journal.size(); i-- > 0;) {
        bool ok = true;
        std::visit(
            [&](const auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, detail::BalanceChange> || std::is_same_v<T, detail::NonceChange> ||
                              std::is_same_v<T, detail::TouchChange>) {
                    ok = slots.contains(e.a);
                } else if constexpr (std::is_same_v<T, detail::StorageChange>) {
                    const auto it = slots.find(e.a);
                    ok = it != slots.end() && it->second->contains(e.key);
                } else if constexpr (std::is_same_v<T, detail::LogAdded>) {
                    ok = logs > 0;
                    if (ok) --logs;
                } else if constexpr (std::is_same_v<T, detail::AccountReplaced>) {
                    const auto it = slots.find(e.a);
                    ok = it != slots.end();
                    if (ok) it->second = &e.prev->storage;
                }
            },
            journal[i]);
        if (!ok) return fail("journal entry " + std::to_string(i) + " undoes a change the view does not hold");
    }
    return {};
}

}  // namespace

Bytes StateView::serialize() const {
    const Impl& v = *impl_;
    Writer w;
    w.u8(kVersion);

    std::vector<const std::pair<const Address, CachedAccount>*> accounts;
    accounts.reserve(v.accounts.size());
    for (const auto& entry : v.accounts) accounts.push_back(&entry);
    std::sort(accounts.begin(), accounts.end(), [](const auto* x, const auto* y) { return x->first < y->first; });
    w.count(accounts.size());
    for (const auto* a : accounts) {
        w.fixed(a->first);
        write_account(w, a->second);
    }

    std::vector<Address> warm(v.warm_accounts.begin(), v.warm_accounts.end());
    std::sort(warm.begin(), warm.end());
    w.count(warm.size());
    for (const Address& a : warm) w.fixed(a);

    std::vector<SlotKey> warm_slots(v.warm_slots.begin(), v.warm_slots.end());
    std::sort(warm_slots.begin(), warm_slots.end(), detail::slot_key_less);
    w.count(warm_slots.size());
    for (const SlotKey& k : warm_slots) write_slot_key(w, k);

    std::vector<std::pair<SlotKey, Uint256>> transient(v.transient.begin(), v.transient.end());
    std::sort(transient.begin(), transient.end(),
              [](const auto& x, const auto& y) { return detail::slot_key_less(x.first, y.first); });
    w.count(transient.size());
    for (const auto& [k, value] : transient) {
        write_slot_key(w, k);
        w.word(value);
    }

    w.count(v.logs.size());
    for (const Log& log : v.logs) {
        w.fixed(log.address);
        w.u8(static_cast<std::uint8_t>(log.topics.size()));
        for (const Hash& t : log.topics) w.fixed(t);
        w.bytes(log.data);
    }
    w.i64(v.refund);

    w.count(v.storage_reads.size());
    for (const auto& [a, key] : v.storage_reads) {
        w.fixed(a);
        w.word(key);
    }

    w.count(v.journal.size());
    for (const auto& entry : v.journal) write_entry(w, entry);
    return std::move(w).take();
}

Result<StateView, std::string> StateView::deserialize(const StateReader& reader, ByteView image) {
    StateView view(reader);
    Impl& v = *view.impl_;
    Reader r(image);
    const std::uint8_t version = r.u8();
    if (r.ok() && version != kVersion) return fail("state view image: unsupported version " + std::to_string(version));

    const std::size_t accounts = r.count("accounts", kMaxCount, 20 + 1 + 8 + 32 + 32 + 4);
    v.accounts.reserve(accounts);
    Address previous;
    for (std::size_t i = 0; i < accounts && r.ok(); ++i) {
        const Address a = r.fixed<20>();
        if (i != 0 && !(previous < a)) r.fail("accounts are not in strictly increasing address order");
        previous = a;
        v.accounts.emplace(a, read_account(r));
    }

    const std::size_t warm = r.count("warm accounts", kMaxCount, 20);
    for (std::size_t i = 0; i < warm && r.ok(); ++i) {
        const Address a = r.fixed<20>();
        if (i != 0 && !(previous < a)) r.fail("warm accounts are not in strictly increasing order");
        previous = a;
        v.warm_accounts.insert(a);
    }

    SlotKey previous_key;
    const std::size_t warm_slots = r.count("warm slots", kMaxCount, 52);
    for (std::size_t i = 0; i < warm_slots && r.ok(); ++i) {
        const SlotKey k = read_slot_key(r);
        if (i != 0 && !detail::slot_key_less(previous_key, k)) r.fail("warm slots are not in strictly increasing order");
        previous_key = k;
        v.warm_slots.insert(k);
    }

    const std::size_t transient = r.count("transient slots", kMaxCount, 84);
    for (std::size_t i = 0; i < transient && r.ok(); ++i) {
        const SlotKey k = read_slot_key(r);
        if (i != 0 && !detail::slot_key_less(previous_key, k))
            r.fail("transient slots are not in strictly increasing order");
        previous_key = k;
        v.transient[k] = r.word();
    }

    const std::size_t logs = r.count("logs", kMaxCount, 20 + 1 + 4);
    v.logs.reserve(logs);
    for (std::size_t i = 0; i < logs && r.ok(); ++i) {
        Log& log = v.logs.emplace_back();
        log.address = r.fixed<20>();
        const std::size_t topics = r.u8();
        if (topics > kMaxTopics) r.fail("log with more than four topics");
        for (std::size_t t = 0; t < topics && r.ok(); ++t) log.topics.push_back(r.fixed<32>());
        log.data = r.bytes("log data", kMaxLogData);
    }
    v.refund = r.i64();

    const std::size_t reads = r.count("storage reads", kMaxCount, 52);
    for (std::size_t i = 0; i < reads && r.ok(); ++i) {
        const SlotKey k = read_slot_key(r);
        if (i != 0 && !detail::slot_key_less(previous_key, k)) r.fail("storage reads are not in strictly increasing order");
        previous_key = k;
        v.storage_reads.emplace_hint(v.storage_reads.end(), k.address, k.key);
    }

    const std::size_t journal = r.count("journal entries", kMaxCount, 1);
    v.journal.reserve(journal);
    for (std::size_t i = 0; i < journal && r.ok(); ++i) v.journal.push_back(read_entry(r));

    r.finish();
    if (!r.ok()) return fail("state view image: " + r.error());
    if (auto checked = check_journal(v.accounts, v.logs.size(), v.journal); !checked) return fail("state view image: " + checked.error());
    return Result<StateView, std::string>(std::move(view));
}

}  // namespace optimist::state
