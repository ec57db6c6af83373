// optimist batch inspect: reads the L1 batch inbox and decodes what the batcher posted, the
// way derivation reads it: entry by entry, frames into channels, channels into batches.
//
// Only the authorized batcher's entries are assembled (as sequencer::Deriver does), so the
// channels and rejections shown are the ones a verifier would see; other senders' entries
// are listed with their frames and rejected. Assembly starts at --from-block, so a channel
// whose first frames lie before it shows as incomplete (or is refused) here.
#include "cli_common.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rollup/channel.hpp>
#include <optimist/rollup/channel_assembler.hpp>
#include <optimist/rollup/compression.hpp>
#include <optimist/rollup/frame.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/sequencer/genesis.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>

namespace po = boost::program_options;
using nlohmann::json;

namespace optimist::cli {
namespace {

constexpr std::string_view kDefaultL1 = "http://127.0.0.1:8545";
// L1 blocks per optimist_l1Batches request (the stub allows 10,000).
constexpr std::uint64_t kScanStep = 1'000;

struct FrameInfo {
    rollup::ChannelId channel;
    std::uint16_t number = 0;
    std::size_t size = 0;  // data bytes
    bool is_last = false;
};

struct ChannelInfo {
    rollup::ChannelId id;
    std::uint64_t opened_at = 0;
    std::uint64_t completed_at = 0;
    Hash completed_by;  // the L1 transaction whose frame completed it
    std::string codec = "unknown";
    std::size_t compressed = 0;   // the codec's stream, without the codec byte
    std::size_t batch_bytes = 0;  // the encoded batch it decompresses to
    std::uint64_t first_block = 0;
    std::uint64_t last_block = 0;
    std::size_t transactions = 0;
    Hash parent_hash;
    std::optional<std::string> error;  // why the channel did not decode to a batch
};

struct EntryInfo {
    std::uint64_t l1_block = 0;
    std::uint32_t index = 0;
    Hash tx_hash;
    Address sender;
    bool authorized = false;
    std::size_t size = 0;
    std::vector<FrameInfo> frames;
    std::vector<std::size_t> completed;  // indices into Report::channels
    std::vector<std::string> rejections;
    std::size_t duplicates = 0;
};

struct Rejected {
    std::uint64_t l1_block = 0;
    std::optional<Hash> tx;
    std::string reason;
};

struct Report {
    std::uint64_t from = 0;
    std::uint64_t to = 0;
    Address batcher;
    std::vector<EntryInfo> entries;
    std::vector<ChannelInfo> channels;
    std::vector<Rejected> rejections;  // every rejection, in L1 order
    std::size_t duplicates = 0;
};

std::string rejection_text(const rollup::Rejection& r) {
    return std::string(rollup::to_string(r.reason)) + ": " + r.message;
}

ChannelInfo decode(const rollup::AssembledChannel& channel, const Hash& tx) {
    ChannelInfo c;
    c.id = channel.id;
    c.opened_at = channel.opened_at;
    c.completed_at = channel.completed_at;
    c.completed_by = tx;
    if (!channel.data.empty()) {
        if (auto codec = rollup::codec_from_byte(channel.data[0])) c.codec = std::string(rollup::to_string(*codec));
        c.compressed = channel.data.size() - 1;
    }
    auto batch = rollup::decode_channel(channel.data);
    if (!batch) {
        c.error = std::string(rollup::to_string(batch.error().kind)) + ": " + batch.error().message;
        return c;
    }
    // Decoding accepts only canonical RLP, so re-encoding gives exactly the bytes that were
    // compressed: their size is the uncompressed batch size.
    c.batch_bytes = rollup::encode_batch(*batch).size();
    c.parent_hash = batch->parent_hash;
    if (!batch->blocks.empty()) {
        c.first_block = batch->blocks.front().number;
        c.last_block = batch->blocks.back().number;
    }
    for (const rollup::BatchBlock& b : batch->blocks) c.transactions += b.transactions.size();
    return c;
}

// Reads the inbox from..to and replays derivation's first half over it.
Result<Report, std::string> inspect(l1::L1& l1, const Address& batcher, std::uint64_t from, std::uint64_t to) {
    Report report;
    report.from = from;
    report.to = to;
    report.batcher = batcher;
    rollup::ChannelAssembler assembler;
    for (std::uint64_t start = from; start <= to;) {
        const std::uint64_t end = std::min(to, start + kScanStep - 1);
        auto entries = l1.batches(start, end);
        if (!entries) return fail("optimist_l1Batches " + std::to_string(start) + "-" + std::to_string(end) + ": " +
                                  entries.error().message);
        for (const l1::InboxEntry& entry : *entries) {
            EntryInfo e;
            e.l1_block = entry.l1_block;
            e.index = entry.index;
            e.tx_hash = entry.tx_hash;
            e.sender = entry.sender;
            e.authorized = entry.sender == batcher;
            e.size = entry.data.size();
            // The frames are listed for every entry, authorized or not; a payload that does
            // not parse lists none (derivation takes a payload whole or not at all).
            if (auto frames = rollup::parse_payload(entry.data)) {
                for (const rollup::Frame& f : *frames) e.frames.push_back({f.channel_id, f.number, f.data.size(), f.is_last});
            }
            if (!e.authorized) {
                e.rejections.push_back("sender " + rpc::format_address(entry.sender) +
                                       " is not the authorized batcher " + rpc::format_address(batcher));
            } else {
                rollup::AssemblerOutput out = assembler.add_payload(entry.data, entry.l1_block);
                e.duplicates = out.duplicates;
                report.duplicates += out.duplicates;
                for (const rollup::Rejection& r : out.rejections) e.rejections.push_back(rejection_text(r));
                for (const rollup::AssembledChannel& channel : out.channels) {
                    ChannelInfo c = decode(channel, entry.tx_hash);
                    if (c.error) e.rejections.push_back("channel " + to_hex(c.id.view()) + ": " + *c.error);
                    e.completed.push_back(report.channels.size());
                    report.channels.push_back(std::move(c));
                }
            }
            for (const std::string& r : e.rejections) report.rejections.push_back({e.l1_block, e.tx_hash, r});
            report.entries.push_back(std::move(e));
        }
        for (const rollup::Rejection& r : assembler.expire(end))
            report.rejections.push_back({end, std::nullopt, rejection_text(r)});
        if (end == std::numeric_limits<std::uint64_t>::max()) break;
        start = end + 1;
    }
    return report;
}

double ratio(const ChannelInfo& c) {
    return c.compressed == 0 ? 0.0 : static_cast<double>(c.batch_bytes) / static_cast<double>(c.compressed);
}

json to_json(const Report& r) {
    json channels = json::array();
    std::size_t blocks = 0;
    std::size_t transactions = 0;
    for (const ChannelInfo& c : r.channels) {
        json j = {{"id", to_hex(c.id.view())},
                  {"openedAt", c.opened_at},
                  {"completedAt", c.completed_at},
                  {"completedBy", rpc::format_hash(c.completed_by)},
                  {"codec", c.codec},
                  {"compressedBytes", c.compressed},
                  {"ok", !c.error.has_value()}};
        if (c.error) {
            j["error"] = *c.error;
        } else {
            j["batchBytes"] = c.batch_bytes;
            j["ratio"] = ratio(c);
            j["parentHash"] = rpc::format_hash(c.parent_hash);
            j["firstBlock"] = c.first_block;
            j["lastBlock"] = c.last_block;
            j["transactions"] = c.transactions;
            blocks += c.last_block - c.first_block + 1;
            transactions += c.transactions;
        }
        channels.push_back(std::move(j));
    }
    json entries = json::array();
    std::size_t frames = 0;
    for (const EntryInfo& e : r.entries) {
        json fs = json::array();
        for (const FrameInfo& f : e.frames)
            fs.push_back({{"channelId", to_hex(f.channel.view())}, {"number", f.number}, {"size", f.size}, {"isLast", f.is_last}});
        frames += e.frames.size();
        json completed = json::array();
        for (std::size_t i : e.completed) completed.push_back(to_hex(r.channels[i].id.view()));
        entries.push_back({{"l1Block", e.l1_block},
                           {"index", e.index},
                           {"txHash", rpc::format_hash(e.tx_hash)},
                           {"sender", rpc::format_address(e.sender)},
                           {"authorized", e.authorized},
                           {"size", e.size},
                           {"frames", std::move(fs)},
                           {"completedChannels", std::move(completed)},
                           {"duplicateFrames", e.duplicates},
                           {"rejections", e.rejections}});
    }
    json rejections = json::array();
    for (const Rejected& x : r.rejections)
        rejections.push_back({{"l1Block", x.l1_block},
                              {"txHash", x.tx ? json(rpc::format_hash(*x.tx)) : json(nullptr)},
                              {"reason", x.reason}});
    return {{"fromBlock", r.from},
            {"toBlock", r.to},
            {"batcher", rpc::format_address(r.batcher)},
            {"entries", std::move(entries)},
            {"channels", std::move(channels)},
            {"rejections", std::move(rejections)},
            {"summary",
             {{"entries", r.entries.size()},
              {"frames", frames},
              {"channels", r.channels.size()},
              {"blocks", blocks},
              {"transactions", transactions},
              {"duplicateFrames", r.duplicates},
              {"rejections", r.rejections.size()}}}};
}

void print_text(const Report& r, std::ostream& out) {
    out << "L1 inbox, blocks " << r.from << "-" << r.to << ", authorized batcher " << rpc::format_address(r.batcher)
        << "\n";
    std::size_t blocks = 0;
    std::size_t txs = 0;
    std::size_t frames = 0;
    for (const EntryInfo& e : r.entries) {
        out << "\nL1 block " << e.l1_block << " #" << e.index << "  tx " << rpc::format_hash(e.tx_hash) << "\n  sender "
            << rpc::format_address(e.sender) << (e.authorized ? " (authorized batcher)" : " (NOT the authorized batcher)")
            << ", " << e.size << " bytes\n";
        for (const FrameInfo& f : e.frames) {
            out << "  frame    channel " << to_hex(f.channel.view()) << " #" << f.number << ", " << f.size
                << " bytes" << (f.is_last ? ", last" : "") << "\n";
        }
        frames += e.frames.size();
        if (e.duplicates > 0) out << "  " << e.duplicates << " duplicate frame(s) ignored\n";
        for (std::size_t i : e.completed) {
            const ChannelInfo& c = r.channels[i];
            out << "  channel  " << to_hex(c.id.view()) << " complete (opened in L1 block " << c.opened_at << ")\n";
            if (c.error) continue;  // its reason is among the rejections below
            char ratio_text[32];
            std::snprintf(ratio_text, sizeof ratio_text, "%.2fx", ratio(c));
            out << "           " << c.codec << ", " << c.compressed << " compressed / " << c.batch_bytes
                << " batch bytes (" << ratio_text << "), L2 blocks " << c.first_block << "-" << c.last_block << ", "
                << c.transactions << " transactions\n";
            blocks += c.last_block - c.first_block + 1;
            txs += c.transactions;
        }
        for (const std::string& why : e.rejections) out << "  REJECTED " << why << "\n";
    }
    for (const Rejected& x : r.rejections) {
        if (!x.tx) out << "\nREJECTED at L1 block " << x.l1_block << ": " << x.reason << "\n";
    }
    out << "\n" << r.entries.size() << " inbox entries, " << frames << " frames, " << r.channels.size() << " channels, "
        << blocks << " L2 blocks, " << txs << " transactions, " << r.duplicates << " duplicate frames, "
        << r.rejections.size() << " rejections\n";
}

}  // namespace

int run_batch(const std::vector<std::string>& args) {
    if (args.empty() || args[0] != "inspect") {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
            std::cout << "Usage: optimist batch inspect [options]\n\nRun `optimist batch inspect --help` for the options.\n";
            return kExitOk;
        }
        std::cerr << "optimist batch: expected a subcommand: inspect\n";
        return kExitUsage;
    }
    std::string l1_url;
    std::string genesis_path;
    std::uint64_t from = 0;
    std::uint64_t to = 0;
    po::options_description desc("optimist batch inspect options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("l1", po::value(&l1_url)->default_value(std::string(kDefaultL1)), "the L1's JSON-RPC URL (optimist-l1)")
        ("from-block", po::value(&from)->default_value(0), "first L1 block to read")
        ("to-block", po::value(&to), "last L1 block to read (default: the L1 head)")
        ("genesis", po::value(&genesis_path), "the rollup's genesis JSON, for its authorized batcher (default: the dev genesis)")
        ("json", "print one JSON document instead of text");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 1, args.end())).options(desc).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist batch inspect: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist batch inspect [options]\n\nReads the L1 batch inbox and decodes it as derivation "
                     "does: each entry's sender (and\nwhether it is the rollup's authorized batcher), its frames, the "
                     "channels they complete\n(codec, compressed and batch sizes, ratio, L2 blocks, transactions) and "
                     "every rejection\nwith its reason.\n\n"
                  << desc << '\n';
        return kExitOk;
    }

    Address batcher = sequencer::dev_genesis().batcher;
    if (vm.count("genesis")) {
        auto g = sequencer::load_genesis_file(genesis_path);
        if (!g) {
            std::cerr << "optimist batch inspect: " << g.error() << '\n';
            return kExitUsage;
        }
        batcher = g->batcher;
    }
    l1::L1RpcClient l1(l1_url);
    if (!vm.count("to-block")) {
        auto head = l1.head();
        if (!head) {
            std::cerr << "optimist batch inspect: L1 head: " << head.error().message << " (" << l1_url << ")\n";
            return kExitFailure;
        }
        to = head->number;
    }
    if (from > to) {
        std::cerr << "optimist batch inspect: --from-block " << from << " is above --to-block " << to << '\n';
        return kExitUsage;
    }
    auto report = inspect(l1, batcher, from, to);
    if (!report) {
        std::cerr << "optimist batch inspect: " << report.error() << " (" << l1_url << ")\n";
        return kExitFailure;
    }
    if (vm.count("json")) {
        std::cout << to_json(*report).dump(2) << '\n';
    } else {
        print_text(*report, std::cout);
    }
    return kExitOk;
}

}  // namespace optimist::cli
