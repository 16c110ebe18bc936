import Crypto
import Foundation
import IAMCore
import IAMService
import Synchronization

/// The caller of one request, once its signature is verified.
public struct AuthenticatedCaller: Sendable {
    /// The signer: the account's root user or an IAM user.
    public var principal: Principal
    /// The credential scope the request was signed for (`nil` for an unsigned lab request).
    public var scope: SigV4Scope?
}

/// The parts of an HTTP request that authentication reads.
struct IncomingRequest: Sendable {
    var method: String
    /// The path as sent, percent-encoded, without the query.
    var path: String
    /// The decoded query parameters, in order.
    var query: [(name: String, value: String)]
    /// Every header, with `Host` first (HTTP/2-style requests carry it as the authority).
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

/// Verifies AWS Signature Version 4, in the `Authorization` header or in presigned query
/// parameters, against the sealed secrets of the account's access keys.
///
/// Each request looks up the key's status and owner, so a key made inactive or deleted is refused
/// at once (the lookup is answered from memory while nothing has been committed). The secret is
/// opened and the signing key derived only the first time a key signs for a given day, region and
/// service, then kept in a small cache, as AWS's own front ends do.
final class SigV4Authenticator: Sendable {
    /// AWS accepts a request time up to 15 minutes from its own clock.
    static let allowedSkew: TimeInterval = 15 * 60

    private let service: IAMService
    private let labMode: Bool
    /// Signing keys, keyed into HMAC once.
    private let signers = Mutex<[SigningKeyID: SigV4Signer]>([:])

    private struct SigningKeyID: Hashable, Sendable {
        var accessKeyId: String
        var scope: SigV4Scope
    }

    init(service: IAMService, labMode: Bool) {
        self.service = service
        self.labMode = labMode
    }

    /// The caller of `request`.
    ///
    /// - Throws: `MissingAuthenticationToken` without any signature; `IncompleteSignature` for a
    ///   malformed one; `SignatureDoesNotMatch` for a wrong one or a scope outside IAM and STS;
    ///   `RequestTimeTooSkewed` more than 15 minutes off; `RequestExpired` for an expired
    ///   presigned URL; `InvalidClientTokenId` for an unknown or inactive key.
    func authenticate(_ request: IncomingRequest, now: Date) async throws -> AuthenticatedCaller {
        let sigRequest = SigV4Request(
            method: request.method, path: request.path, query: request.query, headers: request.headers,
            payloadHash: SigV4.emptyPayloadHash)
        let authorizationHeaders = sigRequest.values(ofHeader: "authorization")
        if let header = authorizationHeaders.first {
            let authorization = try SigV4Authorization(header: header)
            try checkService(authorization.scope)
            let amzDate = sigRequest.values(ofHeader: "x-amz-date").first ?? ""
            if !labMode, !SigV4.isTimestampFresh(amzDate, now: now, tolerance: Self.allowedSkew) {
                throw QueryErrors.requestTimeTooSkewed(amzDate, now: SigV4.amzDate(now))
            }
            var signed = sigRequest
            signed.payloadHash = SigV4.payloadHash(of: request.body)
            return try await caller(
                accessKeyId: authorization.accessKeyID, scope: authorization.scope
            ) { signer in
                SigV4.isValid(
                    signature: authorization.signature, scope: authorization.scope, amzDate: amzDate,
                    signedHeaders: authorization.signedHeaders, request: signed, signer: signer)
            }
        }
        if request.query.contains(where: { $0.name == "X-Amz-Signature" || $0.name == "X-Amz-Algorithm" }) {
            let presigned = try SigV4PresignedQuery(query: request.query)
            try checkService(presigned.scope)
            if !labMode {
                if presigned.isExpired(at: now) {
                    throw QueryErrors.requestExpired(SigV4.amzDate(presigned.expiration), now: SigV4.amzDate(now))
                }
                if let signedAt = SigV4.date(fromAmzDate: presigned.amzDate), signedAt.timeIntervalSince(now) > Self.allowedSkew {
                    throw QueryErrors.requestTimeTooSkewed(presigned.amzDate, now: SigV4.amzDate(now))
                }
            }
            var unsigned = sigRequest
            unsigned.query.removeAll { $0.name == "X-Amz-Signature" }
            return try await caller(accessKeyId: presigned.accessKeyID, scope: presigned.scope) { signer in
                // Presigning SDKs (botocore among them) sign `UNSIGNED-PAYLOAD`; others the body's hash.
                [SigV4.unsignedPayload, SigV4.payloadHash(of: request.body)].contains { payloadHash in
                    var candidate = unsigned
                    candidate.payloadHash = payloadHash
                    return SigV4.isValid(
                        signature: presigned.signature, scope: presigned.scope, amzDate: presigned.amzDate,
                        signedHeaders: presigned.signedHeaders, request: candidate, signer: signer)
                }
            }
        }
        guard labMode else { throw QueryErrors.missingAuthenticationToken() }
        return AuthenticatedCaller(principal: .root(of: service.account), scope: nil)
    }

    /// Only IAM and STS requests reach this endpoint.
    private func checkService(_ scope: SigV4Scope) throws {
        guard ModelService(rawValue: scope.service) != nil else {
            throw QueryErrors.wrongService(scope.service)
        }
    }

    /// Resolves the key's owner and checks the signature with the key's signing key.
    private func caller(
        accessKeyId: String, scope: SigV4Scope, verify: (SigV4Signer) -> Bool
    ) async throws -> AuthenticatedCaller {
        let account = service.account
        let found = try await service.store.cachedRead("access key \(accessKeyId)") { tx -> (AccessKey, Principal)? in
            guard let key = try tx.accessKey(id: accessKeyId), key.accountId == account.id else { return nil }
            switch key.owner {
            case .root:
                return (key, Principal(account: account, kind: .root, accessKeyId: key.id))
            case .user(let id):
                guard let user = try tx.user(id: id) else { return nil }
                return (key, Principal(account: account, kind: .user(user), accessKeyId: key.id))
            }
        }
        guard let (key, principal) = found else {
            if labMode { return AuthenticatedCaller(principal: .root(of: account), scope: scope) }
            throw QueryErrors.invalidClientTokenId()
        }
        guard key.status == .active else { throw QueryErrors.invalidClientTokenId() }
        if !labMode {
            guard verify(try await signer(for: key.id, scope: scope)) else { throw SigV4.signatureDoesNotMatchError() }
        }
        return AuthenticatedCaller(principal: principal, scope: scope)
    }

    /// The cached signer of `accessKeyId` for `scope`, derived from the opened secret on a miss.
    private func signer(for accessKeyId: String, scope: SigV4Scope) async throws -> SigV4Signer {
        let id = SigningKeyID(accessKeyId: accessKeyId, scope: scope)
        if let cached = signers.withLock({ $0[id] }) { return cached }
        guard let (_, secret) = try await service.lookupSigningSecret(accessKeyId: accessKeyId) else {
            throw QueryErrors.invalidClientTokenId()
        }
        let signer = SigV4Signer(signingKey: SigV4.signingKey(secret: secret.reveal(), scope: scope))
        signers.withLock { signers in
            // Keys are per day: a bounded cache that starts over is simpler than an LRU and as good.
            if signers.count >= 10_000 { signers.removeAll() }
            signers[id] = signer
        }
        return signer
    }
}
