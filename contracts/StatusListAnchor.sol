// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title StatusListAnchor
/// @notice An append-only record of status list versions: for each list the owner anchors the
///         hash of version 1, 2, 3… in order, and anyone can read the latest one.
/// @dev Ownership of a list id is first come, first served. That is safe because verifiers never
///      trust an anchor on its own: they check `owner` against the ledger account the issuer's DID
///      document declares, so a squatter's anchor fails that check.
contract StatusListAnchor {
    /// @dev owner, version and anchoredAt share one storage slot (20 + 6 + 6 bytes), so an anchor
    ///      costs one fewer SSTORE. 2^48 versions or seconds are out of reach, so uint48 loses
    ///      nothing; the ABI still speaks uint64.
    struct Anchor {
        address owner;
        uint48 version;
        uint48 anchoredAt;
        bytes32 hash;
        string uri;
    }

    mapping(bytes32 listId => Anchor) private _anchors;

    /// @notice A new version of list `listId` was anchored.
    event Anchored(
        bytes32 indexed listId,
        uint64 indexed version,
        bytes32 hash,
        string uri,
        uint64 timestamp
    );

    /// @notice `caller` is not the account that first anchored `listId`.
    error NotListOwner(bytes32 listId, address owner, address caller);
    /// @notice Versions go up by exactly one, starting at 1.
    error WrongVersion(bytes32 listId, uint64 expected, uint64 given);

    /// @notice Anchor version `version` of list `listId`, whose content hashes to `hash` and is
    ///         served at `uri`. The first anchor of a list makes the caller its owner.
    function anchor(bytes32 listId, uint64 version, bytes32 hash, string calldata uri) external {
        Anchor storage a = _anchors[listId];
        address owner = a.owner;
        if (owner != address(0) && owner != msg.sender) {
            revert NotListOwner(listId, owner, msg.sender);
        }
        uint64 expected = uint64(a.version) + 1;
        if (version != expected) revert WrongVersion(listId, expected, version);

        a.owner = msg.sender;
        a.version = uint48(version);
        a.anchoredAt = uint48(block.timestamp);
        a.hash = hash;
        a.uri = uri;
        emit Anchored(listId, version, hash, uri, uint64(block.timestamp));
    }

    /// @notice The latest anchor of `listId`; all zero (owner = address(0)) if it was never anchored.
    function latest(
        bytes32 listId
    )
        external
        view
        returns (address owner, uint64 version, bytes32 hash, string memory uri, uint64 anchoredAt)
    {
        Anchor storage a = _anchors[listId];
        return (a.owner, a.version, a.hash, a.uri, a.anchoredAt);
    }
}
