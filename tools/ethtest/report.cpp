#include "report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <istream>
#include <ostream>
#include <sstream>

namespace optimist::ethtest {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAnchor = "GeneralStateTests";
constexpr std::string_view kReasonSeparator = " # ";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string file_id(const fs::path& file, const fs::path& root) {
    const fs::path normal = file.lexically_normal();
    // Anchor at the last GeneralStateTests component so the identifier does not depend on
    // where the data was unpacked or which sub-folder was passed on the command line.
    fs::path below;
    bool anchored = false;
    for (const fs::path& part : normal) {
        if (part == kAnchor) {
            below.clear();
            anchored = true;
        } else if (anchored) {
            below /= part;
        }
    }
    if (anchored && !below.empty()) return below.generic_string();
    const fs::path r = root.lexically_normal();
    if (normal == r) return normal.filename().generic_string();
    const fs::path rel = normal.lexically_relative(r);
    if (rel.empty() || *rel.begin() == "..") return normal.filename().generic_string();
    return rel.generic_string();
}

std::string folder_of(std::string_view id) {
    const auto slash = id.rfind('/');
    if (slash == std::string_view::npos) return ".";
    return std::string(id.substr(0, slash));
}

std::string case_id(std::string_view file, std::string_view test, std::size_t data, std::size_t gas,
                    std::size_t value) {
    std::string id;
    id.reserve(file.size() + test.size() + 16);
    id.append(file).append(":").append(test).append(":");
    id.append(std::to_string(data)).append("-").append(std::to_string(gas)).append("-");
    id.append(std::to_string(value));
    return id;
}

void sort_results(std::vector<CaseResult>& results) {
    std::sort(results.begin(), results.end(),
              [](const CaseResult& a, const CaseResult& b) { return a.id < b.id; });
}

Result<Baseline, BaselineError> parse_baseline(std::istream& in) {
    Baseline baseline;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string_view text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        const auto sep = text.find(kReasonSeparator);
        if (sep == std::string_view::npos) {
            return fail(BaselineError{number, "expected \"<case id> # <reason>\""});
        }
        const std::string_view id = trim(text.substr(0, sep));
        const std::string_view reason = trim(text.substr(sep + kReasonSeparator.size()));
        if (id.empty() || reason.empty()) {
            return fail(BaselineError{number, "a baseline line needs a case id and a reason"});
        }
        if (!baseline.reasons.emplace(std::string(id), std::string(reason)).second) {
            return fail(BaselineError{number, "duplicate case id " + std::string(id)});
        }
    }
    return baseline;
}

void write_baseline(std::ostream& out, const std::vector<CaseResult>& results, const Baseline* previous) {
    std::vector<const CaseResult*> failed;
    for (const CaseResult& r : results) {
        if (!r.passed) failed.push_back(&r);
    }
    std::sort(failed.begin(), failed.end(),
              [](const CaseResult* a, const CaseResult* b) { return a->id < b->id; });
    out << "# Known failures: one \"<case id> # <reason>\" per line (docs/conformance.md).\n"
           "# Written by optimist-ethtest --write-baseline. Remove a line when its case passes;\n"
           "# never add a case that passes.\n";
    for (const CaseResult* r : failed) {
        std::string reason = r->reason;
        if (previous != nullptr) {
            if (const auto it = previous->reasons.find(r->id); it != previous->reasons.end())
                reason = it->second;
        }
        // One line per case: the reason must not break the format.
        std::replace(reason.begin(), reason.end(), '\n', ' ');
        out << r->id << kReasonSeparator << reason << '\n';
    }
}

Verdict judge(const std::vector<CaseResult>& results, const Baseline* baseline) {
    Verdict v;
    for (const CaseResult& r : results) {
        const bool known = baseline != nullptr && baseline->reasons.contains(r.id);
        if (!r.passed && !known) v.new_failures.push_back(&r);
        if (r.passed && known) v.fixed.push_back(r.id);
    }
    return v;
}

std::vector<FolderRow> folder_table(const std::vector<CaseResult>& results) {
    std::map<std::string, FolderRow> by_folder;
    FolderRow total{"total", 0, 0, 0};
    for (const CaseResult& r : results) {
        FolderRow& row = by_folder[r.folder];
        row.folder = r.folder;
        (r.passed ? row.passed : row.failed) += 1;
        (r.passed ? total.passed : total.failed) += 1;
        row.seconds += r.seconds;
        total.seconds += r.seconds;
    }
    std::vector<FolderRow> rows;
    rows.reserve(by_folder.size() + 1);
    for (auto& [name, row] : by_folder) rows.push_back(std::move(row));
    rows.push_back(std::move(total));
    return rows;
}

void print_table(std::ostream& out, const std::vector<FolderRow>& rows) {
    std::size_t width = 6;
    for (const FolderRow& r : rows) width = std::max(width, r.folder.size());
    const auto flags = out.flags();
    const auto line = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view d) {
        out << std::left << std::setw(static_cast<int>(width)) << a << std::right << "  " << std::setw(7) << b
            << "  " << std::setw(7) << c << "  " << std::setw(8) << d << '\n';
    };
    line("folder", "passed", "failed", "seconds");
    for (const FolderRow& r : rows) {
        if (r.folder == "total") out << std::string(width + 30, '-') << '\n';
        std::ostringstream secs;
        secs << std::fixed << std::setprecision(2) << r.seconds;
        line(r.folder, std::to_string(r.passed), std::to_string(r.failed), secs.str());
    }
    out.flags(flags);
}

void print_markdown(std::ostream& out, const std::vector<FolderRow>& rows) {
    out << "| folder | passed | failed |\n| --- | ---: | ---: |\n";
    for (const FolderRow& r : rows) {
        const bool total = r.folder == "total";
        const std::string name = total ? "**total**" : "`" + r.folder + "`";
        out << "| " << name << " | " << r.passed << " | " << r.failed << " |\n";
    }
}

std::string summary_json(const std::vector<CaseResult>& results, std::size_t skipped) {
    nlohmann::ordered_json j;
    std::size_t passed = 0;
    auto failures = nlohmann::ordered_json::array();
    for (const CaseResult& r : results) {
        if (r.passed) {
            ++passed;
            continue;
        }
        failures.push_back({{"test", r.test}, {"index", r.index}, {"case", r.id}, {"reason", r.reason}});
    }
    j["passed"] = passed;
    j["failed"] = failures.size();
    j["skipped"] = skipped;
    j["failures"] = std::move(failures);
    return j.dump(1);
}

}  // namespace optimist::ethtest
