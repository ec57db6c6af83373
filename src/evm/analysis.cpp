#include <optimist/evm/analysis.hpp>
#include <optimist/evm/opcodes.hpp>

namespace optimist::evm {

CodeAnalysis::CodeAnalysis(ByteView code, const Hash& code_hash)
    : padded_(code.size() + kPadding, 0),
      size_(code.size()),
      jumpdests_((code.size() + 63) / 64, 0),
      code_hash_(code_hash) {
    std::copy(code.begin(), code.end(), padded_.begin());
    // Walk the code instruction by instruction so PUSH immediates are never taken for
    // JUMPDESTs (Yellow Paper 9.4.3).
    for (std::size_t pc = 0; pc < size_; ++pc) {
        const std::uint8_t op = padded_[pc];
        if (op == op_jumpdest) {
            jumpdests_[pc / 64] |= std::uint64_t{1} << (pc % 64);
        } else if (op >= op_push1 && op <= op_push32) {
            pc += static_cast<std::size_t>(op - op_push1 + 1);
        }
    }
}

std::shared_ptr<const CodeAnalysis> AnalysisCache::get(const Hash& code_hash, ByteView code) {
    if (auto it = entries_.find(code_hash); it != entries_.end()) return it->second;
    if (entries_.size() >= max_entries_) entries_.clear();
    auto analysis = std::make_shared<const CodeAnalysis>(code, code_hash);
    entries_.emplace(code_hash, analysis);
    return analysis;
}

std::shared_ptr<const CodeAnalysis> AnalysisCache::find(const Hash& code_hash) const {
    const auto it = entries_.find(code_hash);
    return it == entries_.end() ? nullptr : it->second;
}

}  // namespace optimist::evm
