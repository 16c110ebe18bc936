/// A SigV4 credential scope, `20150830/us-east-1/iam/aws4_request`: the day, region and service
/// a signing key is derived for.
public struct SigV4Scope: Sendable, Hashable, CustomStringConvertible {
    /// The scope's last component.
    public static let terminator = "aws4_request"

    /// The UTC day, `yyyymmdd`.
    public var date: String
    /// The region, such as `us-east-1` (IAM signs with `us-east-1`).
    public var region: String
    /// The signing name of the service, such as `iam`.
    public var service: String

    /// Creates a scope.
    public init(date: String, region: String, service: String) {
        self.date = date
        self.region = region
        self.service = service
    }

    /// `date/region/service/aws4_request`.
    public var description: String { "\(date)/\(region)/\(service)/\(Self.terminator)" }
}
