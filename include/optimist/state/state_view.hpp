// StateView: the one interface through which the EVM reads and writes state (DESIGN
// decision 2). One StateView serves one transaction.
//
// It overlays a StateReader (the committed state before the transaction) with the
// transaction's changes, keeps a journal so call frames can snapshot and revert, holds the
// per-transaction sets (warm accounts and slots, transient storage, logs, refund counter,
// accounts created in this transaction), and records the read set (first reads from the
// reader) and produces the write set.
//
// Thread safety: none; one StateView is used by one thread. The StateReader must outlive it
// and must not change while the StateView is in use.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/account.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/substate.hpp>
#include <optimist/state/write_set.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace optimist::state {

class StateView {
public:
    explicit StateView(const StateReader& reader);
    ~StateView();
    StateView(const StateView&) = delete;
    StateView& operator=(const StateView&) = delete;
    StateView(StateView&&) noexcept;
    StateView& operator=(StateView&&) noexcept;

    // --- accounts ------------------------------------------------------------------------
    [[nodiscard]] bool exists(const Address& a);
    // EIP-161 empty: missing, or nonce 0, balance 0 and no code.
    [[nodiscard]] bool is_empty(const Address& a);
    [[nodiscard]] Uint256 balance(const Address& a);
    [[nodiscard]] std::uint64_t nonce(const Address& a);
    // kEmptyCodeHash when the account has no code or does not exist.
    [[nodiscard]] Hash code_hash(const Address& a);
    // The account's code. The view stays valid until set_code or create_contract on the same
    // address, or until the StateView is destroyed.
    [[nodiscard]] ByteView code(const Address& a);
    // True if the account exists with storage committed before this transaction (a non-empty
    // storage root) - part of the CREATE collision rule (EIP-7610).
    [[nodiscard]] bool has_committed_storage(const Address& a);
    // True once anything about `a` (but its warmth) has been read or written in this view: the
    // account was loaded from the reader. The parallel executor pays the coinbase lazily only
    // for transactions that never loaded it (exec::CoinbasePayment).
    [[nodiscard]] bool loaded(const Address& a) const noexcept;

    // Writes create the account if it does not exist.
    void set_balance(const Address& a, const Uint256& v);
    void add_balance(const Address& a, const Uint256& v);
    // REQUIRES: balance(a) >= v.
    void sub_balance(const Address& a, const Uint256& v);
    void set_nonce(const Address& a, std::uint64_t n);
    void set_code(const Address& a, Bytes code);
    // EIP-161 touch: an existing-but-empty touched account is deleted at finalize().
    void touch(const Address& a);

    // Prepares `a` for a new contract: keeps its balance, sets nonce 1 (EIP-161), clears
    // code and storage, and marks it created in this transaction (EIP-6780).
    void create_contract(const Address& a);
    [[nodiscard]] bool created_in_tx(const Address& a);

    // SELFDESTRUCT (EIP-6780): moves the balance to `beneficiary` (burnt if it is `a`
    // itself and the account is deleted); the account is deleted at finalize() only if it was
    // created in this transaction.
    void selfdestruct(const Address& a, const Address& beneficiary);

    // --- storage -------------------------------------------------------------------------
    [[nodiscard]] Uint256 storage(const Address& a, const Uint256& key);
    // The slot's value at the start of the transaction (EIP-2200 "original value").
    [[nodiscard]] Uint256 original_storage(const Address& a, const Uint256& key);
    void set_storage(const Address& a, const Uint256& key, const Uint256& value);

    // EIP-1153 transient storage: per transaction, reverted with the frame.
    [[nodiscard]] Uint256 transient_storage(const Address& a, const Uint256& key) const;
    void set_transient_storage(const Address& a, const Uint256& key, const Uint256& value);

    // --- EIP-2929 access sets --------------------------------------------------------------
    // Mark warm; return true if it was already warm.
    bool access_account(const Address& a);
    bool access_storage(const Address& a, const Uint256& key);
    [[nodiscard]] bool is_warm(const Address& a) const;

    // --- logs and refunds -----------------------------------------------------------------
    void add_log(Log log);
    [[nodiscard]] const std::vector<Log>& logs() const noexcept;
    // The SSTORE refund counter (EIP-3529); it may go negative inside a frame.
    void add_refund(std::int64_t delta);
    [[nodiscard]] std::int64_t refund() const noexcept;

    // --- journal --------------------------------------------------------------------------
    // Everything above is journaled: revert(snapshot()) undoes all changes since the
    // snapshot, including warm-set additions, logs, refunds and transient storage.
    [[nodiscard]] std::size_t snapshot() const noexcept;
    void revert(std::size_t snapshot);

    // --- results --------------------------------------------------------------------------
    // Applies end-of-transaction rules: deletes self-destructed accounts created in this
    // transaction and touched empty accounts (EIP-161). Call once, after execution.
    void finalize();
    // Accounts and slots whose values differ from the reader's, plus deletions. Deterministic.
    [[nodiscard]] WriteSet write_set() const;
    // Accounts and slots read from the reader.
    [[nodiscard]] ReadSet read_set() const;

    // --- resuming (the fraud-proof step machine stops after any step) -----------------------
    // The whole view: cached accounts with their committed values and storage, code set in
    // this transaction (other code is read again from the reader by hash), the journal, warm
    // sets, transient storage, logs, refund counter and read set. A view deserialized over
    // the same reader behaves exactly as this one from here on, including reverts to any
    // snapshot taken before. Deterministic: equal views give equal bytes
    // (unordered containers are written sorted; DESIGN decision 4). Format: state_view_image.cpp.
    [[nodiscard]] Bytes serialize() const;
    // Inverse of serialize(); accepts only its output (canonical: one encoding per view) and
    // rejects inconsistent images, such as a journal that does not undo onto the accounts
    // it names. Takes untrusted bytes; `reader` must be the one the image was taken over.
    [[nodiscard]] static Result<StateView, std::string> deserialize(const StateReader& reader, ByteView image);

    // The logical substate (substate.hpp) the step commitments hash: a function of the
    // logical state only, entries sorted. Cost: linear in the cached accounts and slots.
    [[nodiscard]] Substate substate() const;
    // Makes a fresh view behave as if it had reached `s`: installs its entries, refund and
    // logs. Keys not in `s` read through to the reader as usual, and the accounts and slots
    // in `s` still take their committed values from it. What a one-step verifier does with
    // the entries a step touches. Not journaled: reverts only undo later changes.
    // Fails unless the view is fresh (nothing loaded or changed yet) and `s` is well formed
    // (sorted unique keys, code matching its hash, no fields on a missing account).
    [[nodiscard]] Result<void, std::string> preload(const Substate& s);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::state
