// SPDX-License-Identifier: MIT
// Splits the ether sent with a call evenly over many accounts: the workload setup funds
// thousands of senders in a few transactions (a sequencer admits only 64 pending
// transactions per sender, so one transfer each would not fit in one submission).
pragma solidity ^0.8.0;

contract Airdrop {
    error NoRecipients();
    error TransferFailed(address to);

    // Any remainder of msg.value / to.length stays in this contract.
    function fund(address[] calldata to) external payable {
        if (to.length == 0) revert NoRecipients();
        uint256 each = msg.value / to.length;
        for (uint256 i = 0; i < to.length; ++i) {
            (bool ok, ) = to[i].call{value: each}("");
            if (!ok) revert TransferFailed(to[i]);
        }
    }
}
