/// An AWS service whose Query API model IAMStore carries: IAM, and STS beside it.
///
/// The two models share some shape names with different constraints (STS's `userNameType` is
/// 2–32 characters, IAM's 1–64), so every shape lookup names its service.
public enum ModelService: String, Sendable, Hashable, CaseIterable {
    /// AWS Identity and Access Management, API version 2010-05-08.
    case iam
    /// AWS Security Token Service, API version 2011-06-15.
    case sts

    /// The Query API version, such as `2010-05-08`.
    public var apiVersion: String {
        switch self {
        case .iam: IAMModel.Generated.iamAPIVersion
        case .sts: IAMModel.Generated.stsAPIVersion
        }
    }

    /// The XML namespace of the service's responses, such as `https://iam.amazonaws.com/doc/2010-05-08/`.
    public var xmlNamespace: String {
        switch self {
        case .iam: IAMModel.Generated.iamXMLNamespace
        case .sts: IAMModel.Generated.stsXMLNamespace
        }
    }
}
