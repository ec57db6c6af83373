// Opening an L1 stub datadir: the genesis of a new chain, or the stored chain and journal.
#include "game_records.hpp"
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

// The configuration the datadir runs with: the stored chain (refusing another one), with
// the tunable values taken from `want`. Rewrites the stored record when that changes it.
Status<std::string> load_config(db::Database& db, L1Config& want) {
    auto stored = db.get(records::config_key());
    auto stored_config = stored ? records::decode_config(*stored) : std::nullopt;
    if (!stored_config) return fail(std::string("the stored L1 configuration is unreadable"));
    const L1Config& have = *stored_config;
    // A zero factory: a datadir from before dispute games, which takes the configured one.
    const bool legacy = have.dispute_game_factory.is_zero();
    if (have.chain_id != want.chain_id || have.batch_inbox != want.batch_inbox ||
        have.output_oracle != want.output_oracle ||
        (!legacy && have.dispute_game_factory != want.dispute_game_factory))
        return fail("datadir " + db.path() + " holds L1 chain " + std::to_string(have.chain_id) +
                    " with inbox " + to_hex(have.batch_inbox) + ", oracle " + to_hex(have.output_oracle) +
                    " and dispute game factory " + to_hex(have.dispute_game_factory) +
                    "; use another --datadir or the same settings");
    // The L2 genesis output is a fact about the rollup, not a setting: once known it stays.
    if (want.l2_genesis_output.is_zero()) {
        want.l2_genesis_output = have.l2_genesis_output;
    } else if (!have.l2_genesis_output.is_zero() && have.l2_genesis_output != want.l2_genesis_output) {
        return fail("datadir " + db.path() + " holds L2 genesis output root " +
                    to_hex(have.l2_genesis_output) + ", not " + to_hex(want.l2_genesis_output) +
                    "; use another --datadir or the same L2 genesis");
    }
    if (have.challenge_window != want.challenge_window || have.min_bond != want.min_bond ||
        (!legacy && have.game_clock != want.game_clock))
        logging::warn(kLog, "challenge window " + std::to_string(have.challenge_window) + " -> " +
                                std::to_string(want.challenge_window) + " L1 blocks, minimum bond " +
                                to_string(have.min_bond) + " -> " + to_string(want.min_bond) +
                                " wei, game clock " + std::to_string(have.game_clock) + " -> " +
                                std::to_string(want.game_clock) + " L1 blocks (open games keep theirs)");
    if (have.l2_genesis_output != want.l2_genesis_output)
        logging::info(kLog, "L2 genesis output root " + to_hex(want.l2_genesis_output));
    if (have != want) {
        if (auto s = db.put(records::config_key(), records::encode_config(want), true); !s) return s;
    }
    return {};
}

// Games in id order from 0, and the factory's credits.
Status<std::string> load_games(db::Database& db, Ledger& ledger) {
    bool corrupt = false;
    db.for_each_with_prefix(Bytes{records::kGame}, [&](ByteView key, ByteView value) {
        auto id = key.size() == 9 ? records::read_be64(key.subspan(1)) : std::nullopt;
        auto g = id ? records::decode_game(*id, value) : std::nullopt;
        if (!g || g->id != ledger.games.size()) return !(corrupt = true);
        if (g->status == GameStatus::in_progress) ledger.open_games.insert(g->id);
        ledger.games.push_back(std::move(*g));
        return true;
    });
    db.for_each_with_prefix(Bytes{records::kCredit}, [&](ByteView key, ByteView value) {
        auto amount = records::decode_credit(value);
        if (key.size() != 21 || !amount) return !(corrupt = true);
        if (!amount->is_zero()) ledger.credits.emplace(Address::right_aligned(key.subspan(1)), *amount);
        return true;
    });
    if (corrupt) return fail("datadir " + db.path() + " holds an unreadable dispute game or credit record");
    return {};
}

Status<std::string> load_ledger(db::Database& db, L1StubConfig& config, Ledger& ledger,
                                std::set<std::uint64_t>& inbox_blocks) {
    if (auto s = load_config(db, config.l1); !s) return s;
    ledger.config = config.l1;

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
        inbox_blocks.insert(*block);
        return true;
    });
    if (corrupt)
        return fail("datadir " + db.path() + " holds an unreadable account, proposal or inbox record");
    while (ledger.first_unfinalized < ledger.proposals.size() &&
           ledger.proposals[ledger.first_unfinalized].status != OutputStatus::proposed)
        ++ledger.first_unfinalized;
    return load_games(db, ledger);
}

}  // namespace

L1Stub::L1Stub(L1StubConfig config) : config_(std::move(config)), impl_(std::make_unique<Impl>()) {}

L1Stub::~L1Stub() {
    stop();
    if (impl_->inbox) impl_->inbox->close();
}

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
    std::set<std::uint64_t> inbox_blocks;
    if (auto s = load_ledger(*m.db, stub->config_, m.ledger, inbox_blocks); !s) return fail(s.error());
    m.inbox = std::make_shared<InboxIndex>(m.db, std::move(inbox_blocks), m.ledger.head.number);
    m.referee = stub->config_.referee;

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
                            " proposals, " + std::to_string(m.ledger.open_games.size()) +
                            " open dispute games, " + std::to_string(restored) +
                            " pending transactions restored");
    return stub;
}

}  // namespace optimist::l1
