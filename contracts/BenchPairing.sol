// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): the bn254 pairing check
// precompile (0x08, EIPs 197 and 1108) on two pairs, e(P, Q) * e(-P, Q) == 1, called
// repeatedly as a SNARK verifier would. Each call is given a fixed 200,000 gas (the check
// of two pairs costs 113,000), so an EVM without the precompile fails fast with a revert.
pragma solidity ^0.8.0;

contract BenchPairing {
    // The field modulus of bn254.
    uint256 private constant P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47;

    error PairingFailed(uint256 iteration);

    function run(uint256 n, uint256 seed) external view returns (uint256 checks) {
        // The G1 generator (1, 2), its negation (1, P - 2) and the G2 generator, whose Fp2
        // coordinates are given imaginary part first (EIP-197).
        uint256[12] memory input = [
            uint256(1),
            2,
            0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2,
            0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed,
            0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b,
            0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa,
            1,
            P - 2,
            0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2,
            0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed,
            0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b,
            0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa
        ];
        for (uint256 i = 0; i < n; ++i) {
            uint256 ok;
            assembly {
                let out := mload(0x40)
                mstore(out, 0)
                if staticcall(200000, 0x08, input, 384, out, 0x20) {
                    ok := mload(out)
                }
            }
            if (ok != 1) revert PairingFailed(i);
            checks += 1;
        }
        checks += seed & 0;
    }
}
