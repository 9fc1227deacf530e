// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The baseline the anchoring benchmark compares against: one transaction and one storage
///         slot per revoked credential, the way a naive on-chain registry would do it.
contract PerCredentialRevocation {
    mapping(bytes32 credentialId => uint64 revokedAt) public revoked;

    event Revoked(bytes32 indexed credentialId);

    function revoke(bytes32 credentialId) external {
        revoked[credentialId] = uint64(block.timestamp);
        emit Revoked(credentialId);
    }
}
