// The two instantiations of the one interpreter (DESIGN decision 1).
#include "interpreter.hpp"

namespace optimist::evm::detail {

template void MachineOps::interpret<Drive::run>(Machine& m) noexcept;
template void MachineOps::interpret<Drive::step>(Machine& m) noexcept;

}  // namespace optimist::evm::detail
