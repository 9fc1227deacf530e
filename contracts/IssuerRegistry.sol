// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IssuerRegistry
/// @notice The trust registry: which institutions (by DID) an accreditation authority allows to
///         issue which credential types, and for what period. Verifiers read a full snapshot with
///         `issuerCount` + `issuers(offset, limit)` and audit every change through the events.
/// @dev Only institutions are named here (a DID and a display name), never a doctor. An entry is
///      never deleted: withdrawing stamps `withdrawnAt`, so "withdrawn since" stays readable, and
///      accrediting the same DID again replaces the entry (clearing the withdrawal).
contract IssuerRegistry {
    struct Accreditation {
        string did;
        string name;
        string[] credentialTypes;
        uint64 validFrom;
        uint64 validUntil;
        /// @dev 0 while in force.
        uint64 withdrawnAt;
        /// @dev 0 while in force; a code from the authority's published list otherwise.
        uint8 withdrawalReason;
        uint64 updatedAt;
    }

    /// @dev Bounds keep one entry, and so one page of a snapshot, cheap to read.
    uint256 public constant MAX_CREDENTIAL_TYPES = 16;
    uint256 public constant MAX_TEXT_BYTES = 256;
    uint256 public constant MAX_PAGE = 100;

    /// @notice The accreditation authority: the only account that may change the registry.
    address public governance;
    /// @notice The block this registry was deployed in: readers start their log scans here.
    uint256 public immutable deployedAtBlock;

    Accreditation[] private _entries;
    /// @dev keccak256(did) => index in _entries + 1 (0 = unknown).
    mapping(bytes32 didHash => uint256) private _slot;

    event GovernanceTransferred(address indexed previousGovernance, address indexed newGovernance);
    /// @notice `did` is accredited (or re-accredited, replacing the previous entry).
    event IssuerAccredited(
        bytes32 indexed didHash,
        string did,
        string name,
        string[] credentialTypes,
        uint64 validFrom,
        uint64 validUntil,
        uint64 timestamp
    );
    /// @notice The accreditation of `did` was withdrawn.
    event AccreditationWithdrawn(bytes32 indexed didHash, string did, uint8 reason, uint64 timestamp);

    error NotGovernance(address caller);
    error ZeroGovernance();
    error UnknownIssuer(string did);
    error AlreadyWithdrawn(string did, uint64 withdrawnAt);
    /// @notice validUntil must lie after validFrom.
    error InvalidPeriod(uint64 validFrom, uint64 validUntil);
    /// @notice A DID, name or credential type is empty or longer than MAX_TEXT_BYTES.
    error InvalidText(string field);
    /// @notice Between 1 and MAX_CREDENTIAL_TYPES credential types.
    error InvalidCredentialTypes(uint256 count);

    modifier onlyGovernance() {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        _;
    }

    constructor(address governance_) {
        if (governance_ == address(0)) revert ZeroGovernance();
        governance = governance_;
        deployedAtBlock = block.number;
        emit GovernanceTransferred(address(0), governance_);
    }

    /// @notice Hands the registry to another accreditation authority account.
    function transferGovernance(address newGovernance) external onlyGovernance {
        if (newGovernance == address(0)) revert ZeroGovernance();
        emit GovernanceTransferred(governance, newGovernance);
        governance = newGovernance;
    }

    /// @notice Accredits `did` for `credentialTypes` from `validFrom` until `validUntil`
    ///         (Unix seconds). Accrediting a DID again replaces its entry.
    function accredit(
        string calldata did,
        string calldata name,
        string[] calldata credentialTypes,
        uint64 validFrom,
        uint64 validUntil
    ) external onlyGovernance {
        _checkText(did, "did");
        _checkText(name, "name");
        uint256 count = credentialTypes.length;
        if (count == 0 || count > MAX_CREDENTIAL_TYPES) revert InvalidCredentialTypes(count);
        for (uint256 i = 0; i < count; i++) _checkText(credentialTypes[i], "credentialTypes");
        if (validUntil <= validFrom) revert InvalidPeriod(validFrom, validUntil);

        bytes32 didHash = keccak256(bytes(did));
        uint256 slot = _slot[didHash];
        if (slot == 0) {
            _entries.push();
            slot = _entries.length;
            _slot[didHash] = slot;
        }
        Accreditation storage a = _entries[slot - 1];
        a.did = did;
        a.name = name;
        delete a.credentialTypes;
        for (uint256 i = 0; i < count; i++) a.credentialTypes.push(credentialTypes[i]);
        a.validFrom = validFrom;
        a.validUntil = validUntil;
        a.withdrawnAt = 0;
        a.withdrawalReason = 0;
        a.updatedAt = uint64(block.timestamp);
        emit IssuerAccredited(
            didHash,
            did,
            name,
            credentialTypes,
            validFrom,
            validUntil,
            uint64(block.timestamp)
        );
    }

    /// @notice Withdraws the accreditation of `did`, with a reason code (0 = not given).
    function withdraw(string calldata did, uint8 reason) external onlyGovernance {
        bytes32 didHash = keccak256(bytes(did));
        uint256 slot = _slot[didHash];
        if (slot == 0) revert UnknownIssuer(did);
        Accreditation storage a = _entries[slot - 1];
        if (a.withdrawnAt != 0) revert AlreadyWithdrawn(did, a.withdrawnAt);
        a.withdrawnAt = uint64(block.timestamp);
        a.withdrawalReason = reason;
        a.updatedAt = uint64(block.timestamp);
        emit AccreditationWithdrawn(didHash, did, reason, uint64(block.timestamp));
    }

    /// @notice How many DIDs have ever been accredited (withdrawn ones included).
    function issuerCount() external view returns (uint256) {
        return _entries.length;
    }

    /// @notice Up to `limit` (at most MAX_PAGE) entries from position `offset`, in the order the
    ///         DIDs were first accredited; fewer (or none) past the end.
    function issuers(
        uint256 offset,
        uint256 limit
    ) external view returns (Accreditation[] memory page) {
        uint256 total = _entries.length;
        if (limit > MAX_PAGE) limit = MAX_PAGE;
        if (offset >= total) return new Accreditation[](0);
        uint256 end = offset + limit > total ? total : offset + limit;
        page = new Accreditation[](end - offset);
        for (uint256 i = offset; i < end; i++) page[i - offset] = _entries[i];
    }

    /// @notice The entry of `did`; reverts with UnknownIssuer if it was never accredited.
    function accreditationOf(string calldata did) external view returns (Accreditation memory) {
        uint256 slot = _slot[keccak256(bytes(did))];
        if (slot == 0) revert UnknownIssuer(did);
        return _entries[slot - 1];
    }

    function _checkText(string calldata value, string memory field) private pure {
        uint256 length = bytes(value).length;
        if (length == 0 || length > MAX_TEXT_BYTES) revert InvalidText(field);
    }
}
