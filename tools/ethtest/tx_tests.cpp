#include "tx_tests.hpp"

#include "runner.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/intrinsic_gas.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/validation.hpp>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace optimist::ethtest {
namespace fs = std::filesystem;

namespace {

using tx::TxField;
using tx::TxRejection;
using tx::TxValidationError;

constexpr std::string_view kAnchor = "TransactionTests";
// Cancun first; the fallbacks for tests filled before Cancun entries were added.
constexpr std::array<std::string_view, 4> kForks = {"Cancun", "Shanghai", "Paris", "London"};
constexpr std::uint64_t kChainId = 1;  // the chain TransactionTests sign for (mainnet)
constexpr std::string_view kPrefix = "TransactionException.";

// What an ethereum/tests exception name requires of a rejection.
struct Expectation {
    std::string_view name;  // without the "TransactionException." prefix
    TxValidationError kind;
    std::vector<TxField> fields;    // for malformed_rlp: acceptable fields; empty: any
    bool any_decode_error = false;  // malformed_rlp (any field) or type_not_supported
};

const std::vector<Expectation>& expectations() {
    using E = TxValidationError;
    using F = TxField;
    constexpr E kRlp = E::malformed_rlp;
    static const std::vector<Expectation> table = {
        {"RLP_LEADING_ZEROS_NONCE", kRlp, {F::nonce}},
        {"RLP_LEADING_ZEROS_GASPRICE", kRlp, {F::gas_price, F::max_fee_per_gas}},
        {"RLP_LEADING_ZEROS_GASLIMIT", kRlp, {F::gas_limit}},
        {"RLP_LEADING_ZEROS_VALUE", kRlp, {F::value}},
        {"RLP_LEADING_ZEROS_V", kRlp, {F::v}},
        {"RLP_LEADING_ZEROS_R", kRlp, {F::r}},
        {"RLP_LEADING_ZEROS_S", kRlp, {F::s}},
        {"RLP_LEADING_ZEROS_BASEFEE", kRlp, {F::max_fee_per_gas}},
        {"RLP_LEADING_ZEROS_PRIORITY_FEE", kRlp, {F::max_priority_fee_per_gas}},
        {"RLP_LEADING_ZEROS_NONCE_SIZE", kRlp, {F::nonce}},
        {"NONCE_OVERFLOW", kRlp, {F::nonce}},
        {"GASLIMIT_OVERFLOW", kRlp, {F::gas_limit}},
        {"GASPRICE_OVERFLOW", kRlp, {F::gas_price, F::max_fee_per_gas}},
        {"PRIORITY_OVERFLOW", kRlp, {F::max_priority_fee_per_gas}},
        {"VALUE_OVERFLOW", kRlp, {F::value}},
        {"ADDRESS_TOO_SHORT", kRlp, {F::to}},
        {"ADDRESS_TOO_LONG", kRlp, {F::to}},
        {"RLP_INVALID_TO", kRlp, {F::to}},
        {"RLP_INVALID_GASLIMIT", kRlp, {F::gas_limit}},
        {"RLP_INVALID_DATA", kRlp, {F::data}},
        {"RLP_INVALID_SIGNATURE_R", kRlp, {F::r}},
        {"RLP_INVALID_SIGNATURE_S", kRlp, {F::s}},
        {"RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT", kRlp, {F::access_list}},
        {"RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG", kRlp, {F::access_list}},
        {"RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT", kRlp, {F::access_list}},
        {"RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG", kRlp, {F::access_list}},
        {"RLP_TOO_FEW_ELEMENTS", kRlp, {F::envelope}},
        {"RLP_TOO_MANY_ELEMENTS", kRlp, {F::envelope}},
        {"RLP_ERROR_SIZE", kRlp, {}, true},
        {"RLP_ERROR_SIZE_LEADING_ZEROS", kRlp, {}, true},
        {"RLP_ERROR_EOF", kRlp, {}, true},
        {"RLP_INVALID_HEADER", kRlp, {}, true},
        {"TYPE_NOT_SUPPORTED", E::type_not_supported, {}, true},
        {"INVALID_SIGNATURE_VRS", E::invalid_signature, {}},
        {"EC_RECOVERY_FAIL", E::invalid_signature, {}},
        {"INVALID_CHAINID", E::invalid_chain_id, {}},
        {"INTRINSIC_GAS_TOO_LOW", E::intrinsic_gas_too_low, {}},
        {"NONCE_TOO_BIG", E::nonce_is_max, {}},
        {"GASLIMIT_PRICE_PRODUCT_OVERFLOW", E::gas_limit_price_product_overflow, {}},
        {"INITCODE_SIZE_EXCEEDED", E::initcode_too_large, {}},
    };
    return table;
}

bool matches_one(std::string_view name, const TxRejection& r) {
    if (name.starts_with(kPrefix)) name.remove_prefix(kPrefix.size());
    const auto& table = expectations();
    const auto it =
        std::find_if(table.begin(), table.end(), [&](const Expectation& e) { return e.name == name; });
    if (it == table.end()) return true;  // a name this runner does not know: any rejection will do
    if (it->any_decode_error) {
        return r.kind == TxValidationError::malformed_rlp || r.kind == TxValidationError::type_not_supported;
    }
    if (r.kind != it->kind) return false;
    if (r.kind != TxValidationError::malformed_rlp || it->fields.empty()) return true;
    return std::find(it->fields.begin(), it->fields.end(), r.field) != it->fields.end();
}

template <std::size_t N>
FixedBytes<N> fixed_or_throw(const nlohmann::json& j, std::string_view what) {
    auto v = fixed_from_hex<N>(j.get<std::string>());
    if (!v) throw std::runtime_error(std::string(what) + ": " + std::string(to_string(v.error())));
    return *v;
}

std::uint64_t u64_or_throw(const nlohmann::json& j, std::string_view what) {
    const auto v = uint256_from_string(j.get<std::string>());
    if (!v || !v->fits_u64()) throw std::runtime_error(std::string(what) + ": not a 64-bit number");
    return v->w[0];
}

// What the tx module makes of the bytes: the decoded transaction with its sender, or the
// first rejection.
Result<tx::Transaction, TxRejection> process(ByteView wire) {
    auto t = tx::decode_transaction(wire);
    if (!t) return t;
    tx::TxRules rules;
    rules.chain_id = kChainId;
    if (auto s = tx::validate_stateless(*t, rules); !s) return fail(s.error());
    auto sender = tx::recover_sender(*t);
    if (!sender) return fail(sender.error());
    t->sender = *sender;
    return t;
}

std::string check(const TxCase& c) {
    auto wire = from_hex(c.txbytes);
    if (!wire) return "txbytes is not hex: " + std::string(to_string(wire.error()));
    const auto outcome = process(*wire);
    std::ostringstream why;
    if (!c.expect_exception.empty()) {
        if (outcome) {
            why << "expected " << c.expect_exception << " but the transaction is valid (sender "
                << to_hex(outcome->sender) << ")";
        } else if (!rejection_matches(c.expect_exception, outcome.error())) {
            why << "expected " << c.expect_exception << " but got: " << to_string(outcome.error());
        }
        return why.str();
    }
    if (!outcome) return "unexpected rejection: " + to_string(outcome.error());
    const tx::Transaction& t = *outcome;
    if (tx::encode_transaction(t) != *wire) {
        why << "re-encoding differs from txbytes";
    } else if (c.hash && tx::transaction_hash(t) != *c.hash) {
        why << "hash " << to_hex(tx::transaction_hash(t)) << " != expected " << to_hex(*c.hash);
    } else if (c.sender && t.sender != *c.sender) {
        why << "sender " << to_hex(t.sender) << " != expected " << to_hex(*c.sender);
    } else if (c.intrinsic_gas && tx::intrinsic_gas(t) != *c.intrinsic_gas) {
        why << "intrinsic gas " << tx::intrinsic_gas(t) << " != expected " << *c.intrinsic_gas;
    }
    return why.str();
}

struct TxFile {
    std::string id;
    std::vector<TxCase> cases;
    std::string error;  // why the file could not be read or parsed; empty when it was
};

}  // namespace

std::string tx_file_id(const fs::path& file, const fs::path& root) {
    fs::path below;
    bool anchored = false;
    for (const fs::path& part : file.lexically_normal()) {
        if (part == kAnchor) {
            below.clear();
            anchored = true;
        } else if (anchored) {
            below /= part;
        }
    }
    if (anchored && !below.empty()) return below.generic_string();
    return file_id(file, root);
}

std::vector<TxCase> parse_tx_tests(const nlohmann::json& file, std::string_view file_id) {
    std::vector<TxCase> cases;
    for (const auto& [name, test] : file.items()) {
        const auto& results = test.at("result");
        const auto fork = std::find_if(kForks.begin(), kForks.end(),
                                       [&](std::string_view f) { return results.contains(std::string(f)); });
        if (fork == kForks.end()) continue;
        const auto& r = results.at(std::string(*fork));
        TxCase c;
        c.test = std::string(file_id) + ":" + name;
        c.id = c.test + ":" + std::string(*fork);
        c.folder = folder_of(file_id);
        c.fork = std::string(*fork);
        c.txbytes = test.at("txbytes").get<std::string>();
        if (r.contains("exception")) c.expect_exception = r.at("exception").get<std::string>();
        if (r.contains("hash")) c.hash = fixed_or_throw<32>(r.at("hash"), "hash");
        if (r.contains("sender")) c.sender = fixed_or_throw<20>(r.at("sender"), "sender");
        if (r.contains("intrinsicGas")) c.intrinsic_gas = u64_or_throw(r.at("intrinsicGas"), "intrinsicGas");
        cases.push_back(std::move(c));
    }
    return cases;
}

bool rejection_matches(std::string_view expected, const TxRejection& r) {
    while (true) {
        const auto bar = expected.find('|');
        if (matches_one(expected.substr(0, bar), r)) return true;
        if (bar == std::string_view::npos) return false;
        expected.remove_prefix(bar + 1);
    }
}

CaseResult check_tx_case(const TxCase& c) {
    const auto start = std::chrono::steady_clock::now();
    CaseResult r{c.id, c.test, c.folder, 0, false, check(c), 0};
    r.passed = r.reason.empty();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

Result<TxRun, std::string> run_tx_tests(const std::vector<std::string>& paths, const std::regex* filter) {
    auto found = discover(paths);
    if (!found) return fail(found.error());
    std::vector<TxFile> files(found->size());
    tbb::parallel_for(std::size_t{0}, files.size(), [&](std::size_t i) {
        TxFile& f = files[i];
        f.id = tx_file_id((*found)[i].file, (*found)[i].root);
        try {
            std::ifstream in((*found)[i].file, std::ios::binary);
            if (!in) throw std::runtime_error("cannot open");
            f.cases = parse_tx_tests(nlohmann::json::parse(in), f.id);
        } catch (const std::exception& e) {
            f.error = e.what();
            f.cases.clear();
        }
    });

    TxRun run;
    run.files = files.size();
    std::vector<const TxCase*> selected;
    for (const TxFile& f : files) {
        if (!f.error.empty()) {
            if (filter == nullptr || std::regex_search(f.id, *filter)) {
                run.results.push_back(
                    {f.id, f.id, folder_of(f.id), 0, false, "cannot parse fixture: " + f.error, 0});
            }
            continue;
        }
        for (const TxCase& c : f.cases) {
            if (filter != nullptr && !std::regex_search(c.id, *filter)) {
                ++run.skipped;
                continue;
            }
            selected.push_back(&c);
        }
    }
    const std::size_t broken = run.results.size();
    run.results.resize(broken + selected.size());
    tbb::parallel_for(std::size_t{0}, selected.size(),
                      [&](std::size_t i) { run.results[broken + i] = check_tx_case(*selected[i]); });
    sort_results(run.results);
    return run;
}

}  // namespace optimist::ethtest
