import ArgumentParser
import Foundation
import IAMService

/// `iamctl generate-credential-report`
struct GenerateCredentialReportCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-credential-report", abstract: "Generate the credential report (reused for four hours).")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "GenerateCredentialReport" }

    func execute(_ environment: CommandEnvironment) async throws {
        let generation = try await global.service(environment).generateCredentialReport()
        environment.emit(generation.json, format: global.output, title: "GenerateCredentialReport")
    }
}

/// `iamctl get-credential-report`: `Content` is Base64, as the aws CLI prints it.
struct GetCredentialReportCommand: IAMCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-credential-report", abstract: "Show the credential report (Content is Base64-encoded CSV).")

    @OptionGroup var global: GlobalOptions

    var operationName: String { "GetCredentialReport" }

    func execute(_ environment: CommandEnvironment) async throws {
        let report = try await global.service(environment).getCredentialReport()
        environment.emit(report.json, format: global.output, title: "GetCredentialReport")
    }
}
