// The part of validate(MachineImage) that does not hash code, for Machine::restore, which
// checks code against its analysis cache first and hashes only what the cache does not hold.
#pragma once

#include <optimist/evm/machine_image.hpp>

namespace optimist::evm::detail {

// Everything validate() checks except that each frame's code hash matches its code.
[[nodiscard]] Result<void, std::string> validate_structure(const MachineImage& image);

}  // namespace optimist::evm::detail
