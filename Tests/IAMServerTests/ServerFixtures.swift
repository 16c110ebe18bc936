import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IAMCore
import IAMServer
@testable import IAMService
import IAMStoreSQLite

/// A fresh in-memory account behind the server's router, and a SigV4 signer for requests to it.
enum ServerFixtures {
    static let accountId = "123456789012"
    static let now = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z
    static let fastHasher = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1))
    static let adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

    static func service(clock: ServiceClock = .fixed(now)) async throws -> IAMService {
        try await IAMService.createAccount(
            in: try SQLiteAccountStore.inMemory(), accountId: accountId, rootEmail: "root@example.com", rootPassword: nil,
            masterKey: .generate(), source: .library, clock: clock, random: .seeded(1), passwordHasher: fastHasher)
    }

    /// The API over `service` in a router-only application (no background services).
    static func application(_ api: IAMQueryAPI) -> some ApplicationProtocol {
        Application(router: IAMServer.router(api: api))
    }

    /// Runs `test` against the router of a new API over `service`.
    static func withServer<T: Sendable>(
        _ service: IAMService, options: IAMQueryAPI.Options = .init(),
        _ test: @escaping @Sendable (any TestClientProtocol, IAMQueryAPI) async throws -> T
    ) async throws -> T {
        let api = IAMQueryAPI(service: service, options: options)
        return try await application(api).test(.router) { client in try await test(client, api) }
    }

    /// A user with an access key; `policy` is attached when given.
    static func user(_ name: String, in service: IAMService, policy: String? = nil) async throws -> Signer {
        _ = try await service.createUser(userName: name)
        if let policy { try await service.attachUserPolicy(userName: name, policyArn: policy) }
        let key = try await service.createAccessKey(userName: name)
        return Signer(accessKeyId: key.accessKey.id, secret: key.secretAccessKey.reveal())
    }
}

/// Signs Query requests as an SDK does.
struct Signer: Sendable {
    var accessKeyId: String
    var secret: String
    var region = "us-east-1"
    var service = "iam"

    /// The same key signing for another service or region.
    func `for`(service: String? = nil, region: String? = nil) -> Signer {
        var copy = self
        copy.service = service ?? self.service
        copy.region = region ?? self.region
        return copy
    }

    /// A form-encoded POST signed in the `Authorization` header.
    func post(_ parameters: [(String, String)], at date: Date = ServerFixtures.now) -> (headers: HTTPFields, body: ByteBuffer) {
        let body = Self.formBody(parameters)
        var request = SigV4Request(
            method: "POST", path: "/", headers: [
                (name: "Host", value: "localhost"),
                (name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: Data(body.utf8))
        SigV4.sign(&request, accessKeyID: accessKeyId, secret: secret, date: date, region: region, service: service)
        return (Self.fields(request.headers), ByteBuffer(string: body))
    }

    /// A presigned GET URI (path and query).
    func presignedURI(_ parameters: [(String, String)], at date: Date = ServerFixtures.now, expires: Int = 300) -> String {
        var request = SigV4Request(
            method: "GET", path: "/", query: parameters.map { (name: $0.0, value: $0.1) },
            headers: [(name: "Host", value: "localhost")], payloadHash: SigV4.unsignedPayload)
        SigV4.presign(
            &request, accessKeyID: accessKeyId, secret: secret, date: date, region: region, service: service, expires: expires)
        return "/?" + request.query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    static func formBody(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }

    static func fields(_ headers: [(name: String, value: String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers where name.lowercased() != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        return fields
    }
}

extension TestClientProtocol {
    /// POSTs a signed Query request and returns the status and body.
    func call(_ signer: Signer, _ parameters: [(String, String)], at date: Date = ServerFixtures.now) async throws -> (Int, String) {
        let (headers, body) = signer.post(parameters, at: date)
        let response = try await execute(uri: "/", method: .post, headers: headers, body: body)
        return (response.status.code, String(buffer: response.body))
    }
}

/// The text of the first `<name>` element of an XML document.
func element(_ name: String, in xml: String) -> String? {
    guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else {
        return nil
    }
    return String(xml[start.upperBound..<end.lowerBound])
}
