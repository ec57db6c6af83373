// SPDX-License-Identifier: MIT
// A minimal ERC-721-like collection: anyone mints the next id to themselves. Every mint
// advances the same counter, as popular mints on mainnet do.
//
// Storage layout (eth_getStorageAt):
//   slot 0  totalSupply      also the last id minted; ids start at 1
//   slot 1  ownerOf          ownerOf[id] at keccak256(abi.encode(id, 1))
//   slot 2  balanceOf        balanceOf[a] at keccak256(abi.encode(a, 2))
pragma solidity ^0.8.0;

contract Nft {
    uint256 public totalSupply;
    mapping(uint256 => address) private owners;
    mapping(address => uint256) public balanceOf;

    string public constant name = "Optimist Workload NFT";
    string public constant symbol = "ONFT";

    event Transfer(address indexed from, address indexed to, uint256 indexed id);

    error NoSuchToken(uint256 id);
    error NotOwner(address caller, uint256 id);
    error ZeroAddress();

    function ownerOf(uint256 id) external view returns (address) {
        address owner = owners[id];
        if (owner == address(0)) revert NoSuchToken(id);
        return owner;
    }

    function mint() external returns (uint256 id) {
        id = totalSupply + 1;
        totalSupply = id;
        owners[id] = msg.sender;
        balanceOf[msg.sender] += 1;
        emit Transfer(address(0), msg.sender, id);
    }

    // Only the owner moves a token: there are no approvals in this minimal version.
    function transferFrom(address from, address to, uint256 id) external {
        if (owners[id] != msg.sender || from != msg.sender) revert NotOwner(msg.sender, id);
        if (to == address(0)) revert ZeroAddress();
        owners[id] = to;
        balanceOf[from] -= 1;
        balanceOf[to] += 1;
        emit Transfer(from, to, id);
    }
}
