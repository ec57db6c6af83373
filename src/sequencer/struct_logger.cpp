#include "struct_logger.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/evm/opcodes.hpp>

#include <cstdio>

namespace optimist::sequencer {

void StructLogger::on_step(const Step& step) {
    if (++steps_ > max_steps_) return;
    nlohmann::json stack = nlohmann::json::array();
    for (const Uint256& item : step.stack) stack.push_back(to_hex(item));
    std::string name(evm::op_name(step.op));
    if (name.empty()) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "opcode 0x%02x not defined", step.op);
        name = buf;
    }
    logs_.push_back({
        {"pc", step.pc},
        {"op", std::move(name)},
        {"gas", step.gas},
        {"gasCost", step.gas_cost},
        {"depth", step.depth},
        {"stack", std::move(stack)},
    });
}

nlohmann::json StructLogger::result(std::uint64_t gas_used, bool failed, ByteView output) {
    return {
        {"gas", gas_used},
        {"failed", failed},
        {"returnValue", to_hex(output, /*prefix=*/false)},
        {"structLogs", std::move(logs_)},
    };
}

}  // namespace optimist::sequencer
