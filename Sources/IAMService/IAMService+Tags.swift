import Foundation
import IAMCore

extension IAMService {
    /// AWS's hard quota of tags on one user.
    static let tagsPerUserQuota = 50

    /// Adds tags to a user, overwriting the value of a key it already has. User tag keys are
    /// case-insensitive: `Department` replaces `department` (the new case wins).
    ///
    /// The whole request fails if one tag is invalid or the user would end up with more than 50.
    ///
    /// - Throws: `ValidationError` for shapes AWS's model rejects; `NoSuchEntity` when the user does
    ///   not exist; `InvalidInput` for a reserved `aws:` key or a key given twice;
    ///   `LimitExceeded` "Cannot exceed quota for TagsPerUser: 50".
    public func tagUser(userName: String, tags: [Tag]) async throws {
        try validate("TagUser", ["UserName": .string(userName), "Tags": .tags(tags)])
        try Self.checkTags(tags, keysIgnoreCase: true)
        let parameters = JSONValue.object([("UserName", .string(userName)), ("Tags", Tag.json(tags))])
        try await mutate("TagUser", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            try tagUser(user, tags: tags, in: tx)
        }
    }

    /// `TagUser`'s quota rule and write inside a write transaction (shared with seed files).
    func tagUser(_ user: User, tags: [Tag], in tx: any StoreWriting) throws {
        let existing = Set(try tx.tags(userId: user.id).map { $0.key.lowercased() })
        let added = Set(tags.map { $0.key.lowercased() }).subtracting(existing)
        guard existing.count + added.count <= Self.tagsPerUserQuota else {
            throw IAMError.quotaExceeded("TagsPerUser", Self.tagsPerUserQuota)
        }
        try tx.setTags(tags, userId: user.id)
    }

    /// Removes tags from a user; keys match without regard to case, and absent keys are ignored.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist.
    public func untagUser(userName: String, tagKeys: [String]) async throws {
        try validate("UntagUser", ["UserName": .string(userName), "TagKeys": .list(tagKeys.map { .string($0) })])
        let parameters = JSONValue.object([
            ("UserName", .string(userName)), ("TagKeys", .array(tagKeys.map { .string($0) })),
        ])
        try await mutate("UntagUser", parameters: parameters) { tx, draft in
            let user = try existingUser(userName, in: tx)
            draft.resources = [user.arn(in: account)]
            try tx.removeTags(keys: tagKeys, userId: user.id)
        }
    }

    /// One page of a user's tags, ordered by key without regard to case.
    ///
    /// - Throws: `ValidationError`; `NoSuchEntity` when the user does not exist; `InvalidInput`
    ///   for a marker this service did not issue.
    public func listUserTags(userName: String, page: PageRequest = PageRequest()) async throws -> Page<Tag> {
        try validate(
            "ListUserTags",
            ["UserName": .string(userName), "Marker": .optional(page.marker), "MaxItems": .integer(page.maxItems)])
        return try await query("ListUserTags", parameters: .object([("UserName", .string(userName))])) { tx in
            let user = try existingUser(userName, in: tx)
            let tags = try tx.tags(userId: user.id).sorted { $0.key.lowercased() < $1.key.lowercased() }
            return try Self.page(tags, page) { $0.key.lowercased() }
        }
    }

    /// Checks what the model cannot: reserved `aws:` keys and keys given twice. User tag keys are
    /// case-insensitive (`Test` and `test` are one key); policy tag keys are case-sensitive.
    ///
    /// - Throws: `InvalidInput`.
    static func checkTags(_ tags: [Tag], keysIgnoreCase: Bool) throws {
        // Unverified wording: no public source quotes IAM's own message for a reserved key; this is
        // the sentence other AWS services use for it.
        if let reserved = tags.first(where: { $0.key.lowercased().hasPrefix("aws:") }) {
            throw IAMError(.invalidInput, "Tag keys starting with 'aws:' are reserved for internal use: \(reserved.key).")
        }
        var seen = Set<String>()
        for tag in tags where !seen.insert(keysIgnoreCase ? tag.key.lowercased() : tag.key).inserted {
            // aws/aws-cdk#26253 (2023) quotes the second sentence from IAM, which rejects a
            // request carrying `Test` and `test` together on a user.
            throw IAMError(
                .invalidInput,
                keysIgnoreCase
                    ? "Duplicate tag keys found. Please note that Tag keys are case insensitive." : "Duplicate tag keys found.")
        }
    }

    /// An in-memory page over an already ordered list; the marker is the last item's key, base64.
    /// `key` must increase strictly along the list, so a page resumes after the last item shown
    /// even when that item has since been deleted.
    static func page<T>(_ items: [T], _ request: PageRequest, key: (T) -> String) throws -> Page<T> {
        var remaining = items[...]
        if let marker = request.marker {
            guard let data = Data(base64Encoded: marker), let last = String(data: data, encoding: .utf8) else {
                throw IAMError(.invalidInput, "Invalid Marker.")
            }
            remaining = remaining.drop { key($0) <= last }
        }
        let pageItems = Array(remaining.prefix(request.maxItems))
        guard remaining.count > request.maxItems, let last = pageItems.last else { return Page(items: pageItems, nextMarker: nil) }
        return Page(items: pageItems, nextMarker: Data(key(last).utf8).base64EncodedString())
    }

    /// A paging key for lists the store orders by a date, then an ID: the date as fixed-width
    /// seconds since 1970 (so strings sort as the dates do), then the ID.
    static func pageKey(_ date: Date, _ id: String) -> String {
        String(format: "%020.6f", max(0, date.timeIntervalSince1970)) + "/" + id
    }
}
