// EIP-3155 JSON tracer: one line per instruction, before it executes.
#include <optimist/core/hex.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/evm/opcodes.hpp>

#include <ostream>
#include <string>

namespace optimist::evm {

namespace {

void write_hex_u64(std::string& out, std::uint64_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    char buf[16];
    int n = 0;
    do {
        buf[n++] = kDigits[v & 0xf];
        v >>= 4;
    } while (v != 0);
    out += "0x";
    while (n > 0) out += buf[--n];
}

// "0x" and the minimal lower-case hex digits of a word (EIP-3155 stack items), without
// the temporaries of the generic to_hex.
void write_hex_word(std::string& out, const Uint256& v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    int limb = 3;
    while (limb > 0 && v.w[static_cast<std::size_t>(limb)] == 0) --limb;
    write_hex_u64(out, v.w[static_cast<std::size_t>(limb)]);
    for (int i = limb - 1; i >= 0; --i) {
        const std::uint64_t x = v.w[static_cast<std::size_t>(i)];
        for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(x >> shift) & 0xf];
    }
}

class JsonTracer final : public Tracer {
public:
    explicit JsonTracer(std::ostream& out) : out_(out) {}

    void on_step(const Step& s) override {
        line_.clear();
        line_ += "{\"pc\":";
        line_ += std::to_string(s.pc);
        line_ += ",\"op\":";
        line_ += std::to_string(s.op);
        line_ += ",\"gas\":\"";
        write_hex_u64(line_, static_cast<std::uint64_t>(s.gas));
        line_ += "\",\"gasCost\":\"";
        write_hex_u64(line_, static_cast<std::uint64_t>(s.gas_cost));
        line_ += "\",\"memSize\":";
        line_ += std::to_string(s.memory_size);
        line_ += ",\"stack\":[";
        for (std::size_t i = 0; i < s.stack.size(); ++i) {
            if (i != 0) line_ += ',';
            line_ += '"';
            write_hex_word(line_, s.stack[i]);
            line_ += '"';
        }
        line_ += "],\"depth\":";
        line_ += std::to_string(s.depth);
        line_ += ",\"refund\":";
        line_ += std::to_string(s.refund);
        line_ += ",\"opName\":\"";
        const std::string_view name = op_name(s.op);
        if (name.empty()) {
            line_ += "opcode ";
            write_hex_u64(line_, s.op);
            line_ += " not defined";
        } else {
            line_ += name;
        }
        line_ += "\"}\n";
        out_ << line_;
    }

    void on_frame_end(const ExecutionResult& result, int depth) override {
        if (depth != 1) return;
        line_ = "{\"output\":\"";
        line_ += to_hex(result.output, false);
        line_ += "\",\"status\":\"";
        line_ += to_string(result.status);
        line_ += "\"}\n";
        out_ << line_;
    }

private:
    std::ostream& out_;
    std::string line_;
};

}  // namespace

std::unique_ptr<Tracer> make_json_tracer(std::ostream& out) { return std::make_unique<JsonTracer>(out); }

}  // namespace optimist::evm
