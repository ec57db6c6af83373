// SPDX-License-Identifier: MIT
// An ERC-20 token for the benchmark workloads (docs/workloads.md).
//
// Two additions keep workload setup cheap: the deployer (the minter) credits many accounts
// in one transaction with mintBatch, and a router fixed at construction may move anyone's
// tokens without an allowance, so AMM users need no approve transaction.
//
// Storage layout (tests read it with eth_getStorageAt; keep it stable):
//   slot 0  balanceOf        balanceOf[a] at keccak256(abi.encode(a, 0))
//   slot 1  allowances       allowances[o][s] at keccak256(abi.encode(s, keccak256(abi.encode(o, 1))))
//   slot 2  totalSupply
//   slot 3  name             (string)
//   slot 4  symbol           (string)
// minter and router are immutable: they live in the code, not in storage.
pragma solidity ^0.8.0;

contract Token {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) private allowances;
    uint256 public totalSupply;
    string public name;
    string public symbol;

    uint8 public constant decimals = 18;
    address public immutable minter;
    address public immutable router;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error NotMinter();
    error InsufficientBalance(uint256 balance, uint256 needed);
    error InsufficientAllowance(uint256 allowance, uint256 needed);

    constructor(string memory name_, string memory symbol_, address router_) {
        name = name_;
        symbol = symbol_;
        minter = msg.sender;
        router = router_;
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        if (spender == router) return type(uint256).max;
        return allowances[owner][spender];
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        // An allowance of 2^256 - 1 is never spent down, as most tokens treat it.
        if (msg.sender != router) {
            uint256 allowed = allowances[from][msg.sender];
            if (allowed != type(uint256).max) {
                if (allowed < amount) revert InsufficientAllowance(allowed, amount);
                allowances[from][msg.sender] = allowed - amount;
            }
        }
        _move(from, to, amount);
        return true;
    }

    // Credits `amount` to every address in `to`: one transaction instead of one per account.
    function mintBatch(address[] calldata to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter();
        for (uint256 i = 0; i < to.length; ++i) {
            balanceOf[to[i]] += amount;
            emit Transfer(address(0), to[i], amount);
        }
        totalSupply += amount * to.length;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(balance, amount);
        unchecked {
            balanceOf[from] = balance - amount;
        }
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
