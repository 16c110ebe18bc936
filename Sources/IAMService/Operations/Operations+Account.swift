import Foundation
import IAMCore

// Account-level operations: alias, summary, password policy, credential report, and the
// authorization snapshot.
//
// Resources: the Service Authorization Reference (see Operations+Identity.swift) lists no resource
// type for any of them, so each is authorized on `*`.

extension IAMService {
    static let accountOperations: [String: OperationHandler] = [
        "CreateAccountAlias": OperationHandler(
            noOutput: { iam, input in try await iam.createAccountAlias(try input.requiredString("AccountAlias")) },
            resource: .any),
        "DeleteAccountAlias": OperationHandler(
            noOutput: { iam, input in try await iam.deleteAccountAlias(try input.requiredString("AccountAlias")) },
            resource: .any),
        "ListAccountAliases": OperationHandler(
            run: { iam, input in try await iam.listAccountAliases(page: input.page()).json("AccountAliases", JSONValue.string) },
            resource: .any),
        "GetAccountSummary": OperationHandler(
            run: { iam, _ in try await iam.getAccountSummary().json },
            resource: .any),

        "UpdateAccountPasswordPolicy": OperationHandler(
            noOutput: { iam, input in
                try await iam.updateAccountPasswordPolicy(
                    minimumPasswordLength: input.integer("MinimumPasswordLength"), requireSymbols: input.bool("RequireSymbols"),
                    requireNumbers: input.bool("RequireNumbers"),
                    requireUppercaseCharacters: input.bool("RequireUppercaseCharacters"),
                    requireLowercaseCharacters: input.bool("RequireLowercaseCharacters"),
                    allowUsersToChangePassword: input.bool("AllowUsersToChangePassword"),
                    maxPasswordAge: input.integer("MaxPasswordAge"), passwordReusePrevention: input.integer("PasswordReusePrevention"),
                    hardExpiry: input.bool("HardExpiry"))
            },
            resource: .any),
        "GetAccountPasswordPolicy": OperationHandler(
            run: { iam, _ in .object([("PasswordPolicy", IAMService.json(try await iam.getAccountPasswordPolicy()))]) },
            resource: .any),
        "DeleteAccountPasswordPolicy": OperationHandler(
            noOutput: { iam, _ in try await iam.deleteAccountPasswordPolicy() },
            resource: .any),

        // GetCredentialReport's Content is a blob: base64, as `CredentialReport.json` already gives it.
        "GenerateCredentialReport": OperationHandler(
            run: { iam, _ in try await iam.generateCredentialReport().json },
            resource: .any),
        "GetCredentialReport": OperationHandler(
            run: { iam, _ in try await iam.getCredentialReport().json },
            resource: .any),

        "GetAccountAuthorizationDetails": OperationHandler(
            run: { iam, input in
                let filter = (input.strings("Filter") ?? []).compactMap(AuthorizationDetailsFilter.init(rawValue:))
                return try await iam.getAccountAuthorizationDetails(filter: filter, documents: .text, page: input.page())
            },
            resource: .any),
    ]
}
