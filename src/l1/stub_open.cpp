// Opening an L1 stub datadir: the genesis of a new chain, or the stored chain and journal.
#include "records.hpp"
#include "stub_impl.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <filesystem>

namespace optimist::l1 {
namespace {

std::uint64_t unix_seconds() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

Status<std::string> write_genesis(db::Database& db, const L1StubConfig& config) {
    tx::BlockHeader h = tx::cancun_header();
    h.number = 0;
    h.timestamp = unix_seconds();
    h.gas_limit = config.gas_limit;
    h.base_fee_per_gas = config.base_fee;
    db::WriteBatch batch;
    batch.put(records::config_key(), records::encode_config(config.l1));
    for (const auto& g : config.genesis)
        batch.put(records::account_key(g.address), records::encode_account(Account{0, g.balance}));
    batch.put(records::block_key(0), records::encode_block(h, {}));
    batch.put(records::head_key(), records::be64(0));
    return db.write(batch, /*sync=*/true);
}

Status<std::string> load_ledger(db::Database& db, L1StubConfig& config, Ledger& ledger) {
    auto stored = db.get(records::config_key());
    auto stored_config = stored ? records::decode_config(*stored) : std::nullopt;
    if (!stored_config) return fail(std::string("the stored L1 configuration is unreadable"));
    const L1Config& want = config.l1;
    if (stored_config->chain_id != want.chain_id || stored_config->batch_inbox != want.batch_inbox ||
        stored_config->output_oracle != want.output_oracle)
        return fail("datadir " + db.path() + " holds L1 chain " + std::to_string(stored_config->chain_id) +
                    " with inbox " + to_hex(stored_config->batch_inbox) + " and oracle " +
                    to_hex(stored_config->output_oracle) + "; use another --datadir or the same settings");
    if (stored_config->challenge_window != want.challenge_window ||
        stored_config->min_bond != want.min_bond) {
        logging::warn(kLog, "challenge window " + std::to_string(stored_config->challenge_window) + " -> " +
                                std::to_string(want.challenge_window) + " L1 blocks, minimum bond " +
                                to_string(stored_config->min_bond) + " -> " + to_string(want.min_bond) +
                                " wei");
        if (auto s = db.put(records::config_key(), records::encode_config(want), true); !s) return s;
    }
    ledger.config = want;

    auto head_raw = db.get(records::head_key());
    auto head_number = head_raw ? records::read_be64(*head_raw) : std::nullopt;
    auto head_raw_block = head_number ? db.get(records::block_key(*head_number)) : std::nullopt;
    auto head_block = head_raw_block ? records::decode_block(*head_raw_block) : std::nullopt;
    if (!head_block) return fail(std::string("the stored head block is unreadable"));
    ledger.head = head_block->header;
    ledger.head_hash = head_block->hash;

    bool corrupt = false;
    db.for_each_with_prefix(Bytes{records::kAccount}, [&](ByteView key, ByteView value) {
        auto account = records::decode_account(value);
        if (key.size() != 21 || !account) return !(corrupt = true);
        ledger.accounts.emplace(Address::right_aligned(key.subspan(1)), *account);
        return true;
    });
    db.for_each_with_prefix(Bytes{records::kOutput}, [&](ByteView key, ByteView value) {
        auto index = records::read_be64(key.subspan(1));
        auto p = index ? records::decode_output(*index, value) : std::nullopt;
        if (!p || p->index != ledger.proposals.size()) return !(corrupt = true);
        ledger.proposals.push_back(*p);
        return true;
    });
    db.for_each_with_prefix(Bytes{records::kInbox}, [&](ByteView key, ByteView) {
        auto block = key.size() == 13 ? records::read_be64(key.subspan(1, 8)) : std::nullopt;
        if (!block) return !(corrupt = true);
        ledger.inbox_blocks.insert(*block);
        return true;
    });
    if (corrupt)
        return fail("datadir " + db.path() + " holds an unreadable account, proposal or inbox record");
    while (ledger.first_unfinalized < ledger.proposals.size() &&
           ledger.proposals[ledger.first_unfinalized].status == OutputStatus::finalized)
        ++ledger.first_unfinalized;
    return {};
}

}  // namespace

L1Stub::L1Stub(L1StubConfig config) : config_(std::move(config)), impl_(std::make_unique<Impl>()) {}

L1Stub::~L1Stub() { stop(); }

Result<std::unique_ptr<L1Stub>, std::string> L1Stub::open(L1StubConfig config) {
    if (config.datadir.empty()) return fail(std::string("no datadir given"));
    std::error_code ec;
    std::filesystem::create_directories(config.datadir, ec);
    if (ec) return fail("cannot create datadir " + config.datadir + ": " + ec.message());

    std::unique_ptr<L1Stub> stub(new L1Stub(std::move(config)));
    Impl& m = *stub->impl_;
    auto db = db::Database::open(stub->config_.datadir);
    if (!db) return fail(db.error());
    m.db = std::move(*db);

    if (!m.db->get(records::head_key())) {
        if (auto s = write_genesis(*m.db, stub->config_); !s)
            return fail("cannot write the L1 genesis: " + s.error());
        logging::info(kLog, "initialized L1 chain " + std::to_string(stub->config_.l1.chain_id) + " in " +
                                stub->config_.datadir);
    }
    if (auto s = load_ledger(*m.db, stub->config_, m.ledger); !s) return fail(s.error());

    // Re-queue the journal: accepted before a stop or crash, not mined yet. Only the
    // signature is checked again; nonce and balance are checked when the block is built.
    std::size_t restored = 0;
    std::vector<Bytes> unreadable;
    m.db->for_each_with_prefix(Bytes{records::kJournal}, [&](ByteView key, ByteView value) {
        const auto seq = records::read_be64(key.subspan(1));
        if (!seq) return true;
        m.next_seq = std::max(m.next_seq, *seq + 1);
        auto t = tx::decode_transaction(value);
        auto sender = t ? tx::recover_sender(*t) : Result<Address, tx::TxRejection>(fail(tx::TxRejection()));
        if (!t || !sender) {
            logging::warn(kLog, "dropping unreadable journal entry " + std::to_string(*seq));
            unreadable.push_back(to_bytes(key));
            return true;
        }
        t->sender = *sender;
        const Hash hash = tx::transaction_hash(*t);
        m.pending.push_back(PendingTx{*seq, hash, std::move(*t), to_bytes(value)});
        m.pending_hashes.insert(hash);
        ++restored;
        return true;
    });
    for (const auto& key : unreadable) (void)m.db->erase(key);
    logging::info(kLog, "L1 head block " + std::to_string(m.ledger.head.number) + " " +
                            to_hex(m.ledger.head_hash) + ", " + std::to_string(m.ledger.proposals.size()) +
                            " proposals, " + std::to_string(restored) + " pending transactions restored");
    return stub;
}

}  // namespace optimist::l1
