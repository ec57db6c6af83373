// list-games, show-game, list-credits: reading the dispute game factory.
#include "challenger_support.hpp"
#include "commands.hpp"

#include <optimist/core/uint256_ops.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/params.hpp>

#include <boost/program_options.hpp>

#include <cli_common.hpp>
#include <iostream>
#include <tool_support.hpp>

namespace po = boost::program_options;
using nlohmann::json;

namespace optimist::challenger {

namespace {

// Every game, in id order, with the L1 head they were read at.
struct GamesRead {
    std::uint64_t head = 0;
    std::vector<l1::DisputeGame> games;
};

Result<GamesRead, std::string> read_games(l1::L1& l1) {
    GamesRead out;
    auto head = l1.head();
    if (!head) return fail("L1 head: " + head.error().message);
    out.head = head->number;
    for (std::uint64_t from = 0;;) {
        auto page = l1.games(from, l1::kMaxGamesCount);
        if (!page) return fail("optimist_l1Games: " + page.error().message);
        for (auto& g : *page) out.games.push_back(std::move(g));
        if (page->size() < l1::kMaxGamesCount) break;
        from = out.games.back().id + 1;
    }
    return out;
}

void add_common(po::options_description& desc, std::string& l1_url, std::string& log_level) {
    desc.add_options()("help,h", "print this help and exit")(
        "l1", po::value(&l1_url)->default_value(std::string(kDefaultL1)),
        "the L1's JSON-RPC URL (optimist-l1)")("log-level", po::value(&log_level)->default_value("warn"),
                                               "trace, debug, info, warn or error");
}

}  // namespace

int run_list_games(const std::vector<std::string>& args) {
    std::string l1_url, log_level;
    po::options_description desc("optimist-challenger list-games options");
    add_common(desc, l1_url, log_level);
    desc.add_options()("json", "print one JSON document instead of a table");
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "Usage: optimist-challenger list-games [--l1 URL] [--json]\n\n"
               "Lists the dispute games on the L1, one line each: id, output proposal, L2 block, status, "
               "why\n"
               "it ended, level, the bisection range lo..hi, whose turn it is (\"proof\" at a one-step "
               "leaf),\n"
               "each party's clock left in L1 blocks (asserter/challenger) and the parties.\n\n"
            << desc << '\n';
    };
    if (auto exit = tools::parse_options("optimist-challenger list-games", args, desc, {}, vm, usage))
        return *exit;
    if (!tools::apply_log_level("optimist-challenger", log_level)) return kExitUsage;

    l1::L1RpcClient l1(l1_url);
    auto read = read_games(l1);
    if (!read) {
        std::cerr << "optimist-challenger list-games: " << read.error() << " (" << l1_url << ")\n";
        return kExitFailure;
    }
    std::size_t open = 0;
    for (const auto& g : read->games) open += g.status == l1::GameStatus::in_progress ? 1 : 0;
    if (vm.count("json")) {
        json games = json::array();
        for (const auto& g : read->games) games.push_back(game_to_json(g, read->head, false));
        std::cout << json{{"l1", l1_url},
                          {"l1Head", read->head},
                          {"inProgress", open},
                          {"games", std::move(games)}}
                         .dump(2)
                  << '\n';
        return kExitOk;
    }
    std::cout << game_table_header() << '\n';
    for (const auto& g : read->games) std::cout << game_table_row(g, read->head) << '\n';
    std::cout << read->games.size() << " games, " << open << " in progress (L1 block " << read->head << ")\n";
    return kExitOk;
}

int run_show_game(const std::vector<std::string>& args) {
    std::string l1_url, log_level;
    std::uint64_t id = 0;
    po::options_description desc("optimist-challenger show-game options");
    add_common(desc, l1_url, log_level);
    desc.add_options()("id", po::value(&id), "the game id (also the first positional argument)")(
        "json", "print the game (with its moves) as JSON");
    po::positional_options_description positional;
    positional.add("id", 1);
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "Usage: optimist-challenger show-game ID [--l1 URL] [--json]\n\n"
               "Shows one dispute game: its parties and bonds, every move (number, L1 block, party, kind,\n"
               "level, position, claim or agree/disagree) and where the bisection stands.\n\n"
            << desc << '\n';
    };
    if (auto exit = tools::parse_options("optimist-challenger show-game", args, desc, positional, vm, usage))
        return *exit;
    if (!tools::apply_log_level("optimist-challenger", log_level)) return kExitUsage;
    if (!vm.count("id")) {
        std::cerr << "optimist-challenger show-game: a game ID is required\n\n";
        usage(std::cerr);
        return kExitUsage;
    }

    l1::L1RpcClient l1(l1_url);
    auto head = l1.head();
    auto game = head ? l1.game(id) : l1::L1Result<std::optional<l1::DisputeGame>>(fail(head.error()));
    if (!game) {
        std::cerr << "optimist-challenger show-game: " << game.error().message << " (" << l1_url << ")\n";
        return kExitFailure;
    }
    if (!*game) {
        std::cerr << "optimist-challenger show-game: no game " << id << '\n';
        return kExitFailure;
    }
    if (vm.count("json")) {
        std::cout << game_to_json(**game, head->number, true).dump(2) << '\n';
    } else {
        std::cout << format_game(**game, head->number);
    }
    return kExitOk;
}

int run_list_credits(const std::vector<std::string>& args) {
    std::string l1_url, log_level, address_text, key_text;
    po::options_description desc("optimist-challenger list-credits options");
    add_common(desc, l1_url, log_level);
    desc.add_options()("address", po::value(&address_text), "the account to report on")(
        "key", po::value(&key_text), "... or its private key (hex, or dev:N)")("json",
                                                                               "print one JSON document");
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "Usage: optimist-challenger list-credits (--address ADDR | --key KEY) [--l1 URL] [--json]\n\n"
               "Shows what the dispute game factory owes an account (its credit, claimable with "
               "claimCredit;\n"
               "`run` claims it) and, game by game, the bonds it won, lost, has at stake or got back.\n\n"
            << desc << '\n';
    };
    if (auto exit = tools::parse_options("optimist-challenger list-credits", args, desc, {}, vm, usage))
        return *exit;
    if (!tools::apply_log_level("optimist-challenger", log_level)) return kExitUsage;
    if (address_text.empty() == key_text.empty()) {
        std::cerr << "optimist-challenger list-credits: give one of --address or --key\n";
        return kExitUsage;
    }
    Address account;
    if (!key_text.empty()) {
        auto key = parse_key(key_text);
        auto a = key ? key_address(*key) : Result<Address, std::string>(fail(key.error()));
        if (!a) {
            std::cerr << "optimist-challenger list-credits: --key: " << a.error() << '\n';
            return kExitUsage;
        }
        account = *a;
    } else {
        auto a = rpc::parse_address(address_text);
        if (!a) {
            std::cerr << "optimist-challenger list-credits: --address: " << a.error() << '\n';
            return kExitUsage;
        }
        account = *a;
    }

    l1::L1RpcClient l1(l1_url);
    auto read = read_games(l1);
    auto credit = read ? l1.credit(account)
                       : l1::L1Result<Uint256>(fail(l1::L1Error{l1::L1ErrorKind::unavailable, read.error()}));
    auto balance = credit ? l1.balance(account) : l1::L1Result<Uint256>(fail(credit.error()));
    if (!balance) {
        std::cerr << "optimist-challenger list-credits: " << balance.error().message << " (" << l1_url
                  << ")\n";
        return kExitFailure;
    }
    const CreditSummary s = summarize_credits(read->games, account);
    if (vm.count("json")) {
        json rows = json::array();
        for (const CreditRow& r : s.rows) {
            rows.push_back({{"game", r.game},
                            {"role", std::string(l1::to_string(r.role))},
                            {"status", std::string(l1::to_string(r.status))},
                            {"won", to_string(r.won)},
                            {"lost", to_string(r.lost)},
                            {"atStake", to_string(r.at_stake)},
                            {"refunded", to_string(r.refunded)}});
        }
        std::cout << json{{"address", rpc::format_address(account)},
                          {"credit", to_string(*credit)},
                          {"balance", to_string(*balance)},
                          {"won", to_string(s.won)},
                          {"lost", to_string(s.lost)},
                          {"atStake", to_string(s.at_stake)},
                          {"refunded", to_string(s.refunded)},
                          {"gamesWon", s.games_won},
                          {"gamesLost", s.games_lost},
                          {"inProgress", s.in_progress},
                          {"closed", s.closed},
                          {"games", std::move(rows)}}
                         .dump(2)
                  << '\n';
        return kExitOk;
    }
    std::cout << "account      " << rpc::format_address(account) << "\n"
              << "credit       " << cli::format_ether(*credit)
              << " (claimable from the dispute game factory)\n"
              << "L1 balance   " << cli::format_ether(*balance) << "\n\n";
    if (s.rows.empty()) {
        std::cout << "no dispute games\n";
        return kExitOk;
    }
    std::cout << "game  role        status          result\n";
    for (const CreditRow& r : s.rows) {
        const bool won =
            (r.status == l1::GameStatus::challenger_won && r.role == l1::GameParty::challenger) ||
            (r.status == l1::GameStatus::asserter_won && r.role == l1::GameParty::asserter);
        const std::string result =
            r.status == l1::GameStatus::in_progress ? "at stake " + cli::format_ether(r.at_stake)
            : r.status == l1::GameStatus::closed
                ? (r.role == l1::GameParty::challenger ? "bond back " + cli::format_ether(r.refunded)
                                                       : std::string("closed"))
            : won ? "won " + cli::format_ether(r.won)
                  : "lost " + cli::format_ether(r.lost);
        char line[128];
        std::snprintf(line, sizeof line, "%4llu  %-10s  %-14s  ", static_cast<unsigned long long>(r.game),
                      std::string(l1::to_string(r.role)).c_str(),
                      std::string(l1::to_string(r.status)).c_str());
        std::cout << line << result << '\n';
    }
    std::cout << "\nwon " << cli::format_ether(s.won) << " in " << s.games_won << " games, lost "
              << cli::format_ether(s.lost) << " in " << s.games_lost << " games; "
              << cli::format_ether(s.at_stake) << " at stake in " << s.in_progress << " games; "
              << cli::format_ether(s.refunded) << " back from " << s.closed << " closed games\n";
    return kExitOk;
}

}  // namespace optimist::challenger
