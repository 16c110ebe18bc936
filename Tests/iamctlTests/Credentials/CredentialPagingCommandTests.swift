import Foundation
import Testing
@testable import iamctl

@Suite struct CredentialPagingCommandTests {
    @Test func listAccessKeysFollowsMarkersAndStopsAtMaxItemsWithANextToken() async throws {
        let cli = try await CredentialCommandTests.harnessWithAlice()
        _ = await cli.run(["create-access-key", "--user-name", "alice"])
        _ = await cli.run(["create-access-key", "--user-name", "alice"], seed: 2)
        let merged = await cli.run(["list-access-keys", "--user-name", "alice", "--page-size", "1"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let mergedJSON = try CLIHarness.json(merged.stdout)
        let all = try #require(mergedJSON["AccessKeyMetadata"] as? [[String: Any]])
        #expect(all.count == 2 && mergedJSON["NextToken"] == nil)
        let first = await cli.run(["list-access-keys", "--user-name", "alice", "--max-items", "1"])
        let firstPage = try CLIHarness.json(first.stdout)
        #expect((firstPage["AccessKeyMetadata"] as? [[String: Any]])?.count == 1)
        let token = try #require(firstPage["NextToken"] as? String)
        let rest = await cli.run(["list-access-keys", "--user-name", "alice", "--starting-token", token])
        let restPage = try CLIHarness.json(rest.stdout)
        let ids = ((firstPage["AccessKeyMetadata"] as? [[String: Any]]) ?? []) + ((restPage["AccessKeyMetadata"] as? [[String: Any]]) ?? [])
        #expect(ids.compactMap { $0["AccessKeyId"] as? String } == all.compactMap { $0["AccessKeyId"] as? String })
        #expect(restPage["NextToken"] == nil)
    }
}
