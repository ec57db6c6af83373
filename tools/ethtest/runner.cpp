#include "runner.hpp"


#include <optimist/core/hex.hpp>
#include <optimist/exec/apply_transaction.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_view.hpp>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>

namespace optimist::ethtest {
namespace fs = std::filesystem;

namespace {

state::InMemoryState make_pre_state(const StateTest& t) {
    state::InMemoryState s;
    for (const auto& [address, account] : t.pre) s.put_account(address, account);
    return s;
}

// ethereum/tests list acceptable exceptions separated by '|'.
bool exception_matches(std::string_view expected, std::string_view actual) {
    while (!expected.empty()) {
        const auto bar = expected.find('|');
        if (expected.substr(0, bar) == actual) return true;
        if (bar == std::string_view::npos) break;
        expected.remove_prefix(bar + 1);
    }
    return false;
}

// Drives the stepping driver and folds every step it reports into a checksum. The
// agreement check needs the traced driver to run, not the JSON text (whose format
// tests/evm/drivers_test.cpp pins): formatting VMTests/vmPerformance's hundreds of millions
// of steps would take hours, folding them takes seconds.
class StepDigestTracer final : public evm::Tracer {
public:
    void on_step(const Step& step) override {
        mix(step.pc);
        mix(step.op);
        mix(static_cast<std::uint64_t>(step.gas));
        mix(static_cast<std::uint64_t>(step.gas_cost));
        mix(step.memory_size);
        mix(static_cast<std::uint64_t>(step.depth));
        mix(static_cast<std::uint64_t>(step.refund));
        mix(step.stack.size());
        if (!step.stack.empty()) mix(step.stack.back().w[0]);
        ++steps_;
    }
    [[nodiscard]] std::uint64_t steps() const noexcept { return steps_; }

private:
    void mix(std::uint64_t v) noexcept { digest_ = (digest_ ^ v) * 0x100000001b3ULL; }
    std::uint64_t digest_ = 0xcbf29ce484222325ULL;
    std::uint64_t steps_ = 0;
};

std::uint64_t gas_limit_of(const CaseRef& c) {
    const auto& limits = c.test->tx.gas_limits;
    const std::size_t i = c.test->post[c.index].gas_index;
    return i < limits.size() && limits[i] ? *limits[i] : 0;
}

}  // namespace

Result<std::vector<FixturePath>, std::string> discover(const std::vector<std::string>& paths) {
    std::vector<FixturePath> found;
    for (const std::string& p : paths) {
        const fs::path root(p);
        std::error_code ec;
        if (fs::is_regular_file(root, ec)) {
            found.push_back({root, root});
            continue;
        }
        if (!fs::is_directory(root, ec)) return fail("no such file or folder: " + p);
        for (auto it = fs::recursive_directory_iterator(root, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec) && it->path().extension() == ".json")
                found.push_back({it->path(), root});
        }
        if (ec) return fail("cannot list " + p + ": " + ec.message());
    }
    std::sort(found.begin(), found.end(),
              [](const FixturePath& a, const FixturePath& b) { return a.file < b.file; });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const FixturePath& a, const FixturePath& b) { return a.file == b.file; }),
                found.end());
    return found;
}

std::vector<FixtureFile> load_fixtures(const std::vector<FixturePath>& paths) {
    std::vector<FixtureFile> files(paths.size());
    tbb::parallel_for(std::size_t{0}, paths.size(), [&](std::size_t i) {
        FixtureFile& f = files[i];
        f.id = file_id(paths[i].file, paths[i].root);
        f.folder = folder_of(f.id);
        try {
            std::ifstream in(paths[i].file, std::ios::binary);
            if (!in) throw std::runtime_error("cannot open");
            f.tests = parse_state_tests(nlohmann::json::parse(in));
        } catch (const std::exception& e) {
            f.error = e.what();
            f.tests.clear();
        }
    });
    return files;
}

Selection select_cases(const std::vector<FixtureFile>& files, const std::regex* filter,
                       const std::regex* exclude) {
    const auto selected = [&](const std::string& id) {
        return (filter == nullptr || std::regex_search(id, *filter)) &&
               (exclude == nullptr || !std::regex_search(id, *exclude));
    };
    Selection s;
    for (const FixtureFile& f : files) {
        if (!f.error.empty()) {
            if (selected(f.id)) {
                s.broken.push_back({f.id, f.id, f.folder, 0, false, "cannot parse fixture: " + f.error, 0});
            }
            continue;
        }
        for (const StateTest& t : f.tests) {
            for (std::size_t i = 0; i < t.post.size(); ++i) {
                const PostEntry& p = t.post[i];
                std::string id = case_id(f.id, t.name, p.data_index, p.gas_index, p.value_index);
                if (!selected(id)) {
                    ++s.skipped;
                    continue;
                }
                s.cases.push_back({&f, &t, i, std::move(id)});
            }
        }
    }
    std::sort(s.cases.begin(), s.cases.end(), [](const CaseRef& a, const CaseRef& b) { return a.id < b.id; });
    return s;
}

Observed execute_case(const CaseRef& c, evm::Tracer* tracer) {
    const StateTest& t = *c.test;
    const PostEntry& post = t.post[c.index];
    state::InMemoryState pre = make_pre_state(t);
    const evm::BlockContext block = block_context(t.env);
    Observed out;

    auto built = build_transaction(t.tx, post);
    if (!built) {
        out.exception = built.error().exception;
        out.detail = built.error().message;
        if (out.exception.empty()) out.exception = "malformed fixture";
    } else {
        state::StateView view(pre);
        auto applied = exec::apply_transaction(view, block, *built, tracer);
        if (applied) {
            out.detail = std::string(evm::to_string(applied->status));
            out.gas_used = applied->gas_used;
            out.logs_hash = state::logs_hash(applied->logs);
            pre.apply(view.write_set());
            out.state_root = pre.state_root();
            return out;
        }
        out.exception = std::string(exec::fixture_name(applied.error()));
        out.detail = std::string(exec::to_string(applied.error()));
    }
    // A rejected transaction leaves the state as it was, except that geth's state-test driver
    // still credits the coinbase with zero, which deletes an empty coinbase (EIP-161).
    state::StateView view(pre);
    view.add_balance(block.coinbase, Uint256{});
    view.touch(block.coinbase);
    view.finalize();
    pre.apply(view.write_set());
    out.logs_hash = state::logs_hash({});
    out.state_root = pre.state_root();
    return out;
}

CaseResult check_case(const CaseRef& c, bool trace) {
    const PostEntry& post = c.test->post[c.index];
    CaseResult r{c.id, c.file->id + ":" + c.test->name, c.file->folder, c.index, false, {}, 0};
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<evm::Tracer> tracer = trace ? evm::make_json_tracer(std::cerr) : nullptr;
    const Observed o = execute_case(c, tracer.get());
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::ostringstream why;
    if (!post.expect_exception.empty() && o.exception.empty()) {
        why << "expected " << post.expect_exception << " but the transaction was applied (" << o.detail
            << ")";
    } else if (!post.expect_exception.empty() && !exception_matches(post.expect_exception, o.exception)) {
        why << "expected " << post.expect_exception << " but got " << o.exception;
    } else if (post.expect_exception.empty() && !o.exception.empty()) {
        why << "unexpected " << o.exception << " (" << o.detail << ")";
    } else if (o.state_root != post.state_root) {
        why << "post state root " << to_hex(o.state_root) << " != expected " << to_hex(post.state_root)
            << " (" << (o.exception.empty() ? o.detail : o.exception) << ", gas used " << o.gas_used << ")";
    } else if (o.logs_hash != post.logs_hash) {
        why << "logs hash " << to_hex(o.logs_hash) << " != expected " << to_hex(post.logs_hash);
    }
    r.reason = why.str();
    r.passed = r.reason.empty();
    if (trace) {
        std::cerr << nlohmann::ordered_json{{"stateRoot", to_hex(o.state_root)},
                                            {"gasUsed", to_hex(Uint256{o.gas_used})},
                                            {"test", c.id},
                                            {"pass", r.passed},
                                            {"error", o.exception}}
                         .dump()
                  << '\n';
    }
    return r;
}

CaseResult check_trace_agreement(const CaseRef& c) {
    CaseResult r{c.id, c.file->id + ":" + c.test->name, c.file->folder, c.index, false, {}, 0};
    const auto start = std::chrono::steady_clock::now();
    const Observed fast = execute_case(c, nullptr);
    StepDigestTracer tracer;
    const Observed traced = execute_case(c, &tracer);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::ostringstream why;
    if (fast.exception != traced.exception) {
        why << "exception differs: '" << fast.exception << "' untraced, '" << traced.exception << "' traced";
    } else if (fast.state_root != traced.state_root) {
        why << "state root differs: " << to_hex(fast.state_root) << " untraced, " << to_hex(traced.state_root)
            << " traced";
    } else if (fast.logs_hash != traced.logs_hash) {
        why << "logs hash differs";
    } else if (fast.gas_used != traced.gas_used) {
        why << "gas used differs: " << fast.gas_used << " untraced, " << traced.gas_used << " traced";
    }
    r.reason = why.str();
    r.passed = r.reason.empty();
    return r;
}

std::vector<CaseResult> run_cases(const std::vector<CaseRef>& cases, const CaseCheck& check, bool sequential,
                                  const std::function<void()>& on_done) {
    std::vector<CaseResult> results(cases.size());
    const auto one = [&](std::size_t i) {
        results[i] = check(cases[i]);
        if (on_done) on_done();
    };
    if (sequential) {
        for (std::size_t i = 0; i < cases.size(); ++i) one(i);
    } else {
        // Case costs range over six orders of magnitude (one blake2f case runs 2^32 rounds), so
        // hand out the cases with the largest gas limits first, the usual bound of their work,
        // one at a time from a shared counter: the short ones fill in around the long ones.
        std::vector<std::size_t> order(cases.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return gas_limit_of(cases[a]) > gas_limit_of(cases[b]);
        });
        std::atomic<std::size_t> next{0};
        const int workers = tbb::this_task_arena::max_concurrency();
        tbb::parallel_for(0, workers, [&](int /*worker*/) {
            for (std::size_t k = next.fetch_add(1); k < order.size(); k = next.fetch_add(1)) one(order[k]);
        });
    }
    sort_results(results);
    return results;
}

}  // namespace optimist::ethtest
