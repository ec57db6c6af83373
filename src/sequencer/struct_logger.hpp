// debug_traceTransaction's default tracer: geth's struct logger output
//   {"gas": N, "failed": bool, "returnValue": "hex", "structLogs": [
//     {"pc": 0, "op": "PUSH1", "gas": N, "gasCost": N, "depth": 1, "stack": ["0x80", ...]}, ...]}
// fed by the EVM's stepping driver (the same instruction code as block execution). Memory
// and storage snapshots are not recorded (geth's enableMemory is off by default too).
#pragma once

#include <optimist/evm/execution.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>

namespace optimist::sequencer {

class StructLogger final : public evm::Tracer {
public:
    // Steps beyond `max_steps` are counted but not recorded (a 30M-gas loop has millions).
    explicit StructLogger(std::size_t max_steps) : max_steps_(max_steps) {}

    void on_step(const Step& step) override;

    [[nodiscard]] bool truncated() const noexcept { return steps_ > max_steps_; }
    // The result object; `gas_used`, `failed` and `output` come from the transaction's outcome.
    [[nodiscard]] nlohmann::json result(std::uint64_t gas_used, bool failed, ByteView output);

private:
    std::size_t max_steps_;
    std::size_t steps_ = 0;
    nlohmann::json logs_ = nlohmann::json::array();
};

}  // namespace optimist::sequencer
