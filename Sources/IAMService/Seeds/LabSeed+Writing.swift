import Foundation
import IAMCore
import Yams

extension LabSeed {
    /// The seed as YAML in the format ``load(contentsOf:)`` reads, fields in a fixed order and
    /// defaults left out, so that equal seeds give equal text. Pinned secrets the seed holds are
    /// written; a seed from ``IAMService/exportSeed(includePasswordHashes:)`` holds none.
    ///
    /// - Throws: `ServiceFailure` if YAML cannot be emitted.
    public func yaml() throws -> String {
        var top: [(String, Node?)] = []
        if let account {
            top.append(("account", mappingNode([("id", account.id.map(quoted)), ("alias", account.alias.map(plain))])))
        }
        if let root {
            var fields: [(String, Node?)] = [("email", root.email.map(plain))]
            fields += password(root.password)
            fields.append(("mfa_device", root.mfaDevice.map(device)))
            fields.append(("access_keys", root.accessKeys.isEmpty ? nil : .sequence(.init(root.accessKeys.map(key)))))
            top.append(("root", mappingNode(fields)))
        }
        if let policy = passwordPolicy {
            top.append((
                "password_policy",
                mappingNode([
                    ("minimum_password_length", plain(String(policy.minimumPasswordLength))),
                    ("require_symbols", bool(policy.requireSymbols)), ("require_numbers", bool(policy.requireNumbers)),
                    ("require_uppercase_characters", bool(policy.requireUppercaseCharacters)),
                    ("require_lowercase_characters", bool(policy.requireLowercaseCharacters)),
                    ("allow_users_to_change_password", bool(policy.allowUsersToChangePassword)),
                    ("max_password_age", policy.maxPasswordAge.map { plain(String($0)) }),
                    ("password_reuse_prevention", policy.passwordReusePrevention.map { plain(String($0)) }),
                    ("hard_expiry", bool(policy.hardExpiry)),
                ])
            ))
        }
        if !policies.isEmpty {
            top.append((
                "policies",
                .sequence(.init(policies.map { policy in
                    mappingNode([
                        ("name", plain(policy.name)), ("path", path(policy.path)), ("description", policy.description.map(plain)),
                        ("document", quoted(policy.document)), ("tags", tags(policy.tags)),
                    ])
                }))
            ))
        }
        if !users.isEmpty {
            top.append(("users", .sequence(.init(users.map(user)))))
        }
        if !groups.isEmpty {
            top.append((
                "groups",
                .sequence(.init(groups.map { group in
                    mappingNode([
                        ("name", plain(group.name)), ("path", path(group.path)), ("members", list(group.members)),
                        ("policies", list(group.policies)), ("inline_policies", inline(group.inlinePolicies)),
                    ])
                }))
            ))
        }
        do {
            return try Yams.serialize(node: mappingNode(top), width: -1, allowUnicode: true)
        } catch {
            throw IAMError(.serviceFailure, "Cannot write the seed as YAML: \(error)")
        }
    }

    private func user(_ user: User) -> Node {
        var fields: [(String, Node?)] = [("name", plain(user.name)), ("path", path(user.path)), ("tags", tags(user.tags))]
        fields += password(user.password)
        fields.append(("password_reset_required", user.passwordResetRequired ? bool(true) : nil))
        fields.append(("access_keys", user.accessKeys.isEmpty ? nil : .sequence(.init(user.accessKeys.map(key)))))
        fields.append(("mfa_device", user.mfaDevice.map(device)))
        fields.append(("policies", list(user.policies)))
        fields.append(("inline_policies", inline(user.inlinePolicies)))
        fields.append(("permissions_boundary", user.permissionsBoundary.map(plain)))
        return mappingNode(fields)
    }

    private func password(_ password: Password?) -> [(String, Node?)] {
        switch password {
        case .clear(let secret): [("password", quoted(secret.reveal()))]
        case .hash(let hash): [("password_hash", quoted(hash))]
        case .generate: [("generate_password", bool(true))]
        case nil: []
        }
    }

    private func key(_ key: AccessKey) -> Node {
        mappingNode([
            ("id", key.id.map(plain)), ("secret", key.secret.map { quoted($0.reveal()) }),
            ("status", key.status == .active ? nil : plain(key.status.rawValue)),
        ])
    }

    private func device(_ device: MFADevice) -> Node {
        mappingNode([("name", device.name.map(plain)), ("path", path(device.path)), ("seed", device.seed.map { quoted($0.reveal()) })])
    }

    private func inline(_ policies: [InlinePolicy]) -> Node? {
        policies.isEmpty ? nil : .sequence(.init(policies.map { mappingNode([("name", plain($0.name)), ("document", quoted($0.document))]) }))
    }

    private func tags(_ tags: [IAMCore.Tag]) -> Node? {
        tags.isEmpty ? nil : .mapping(.init(tags.map { (quoted($0.key), quoted($0.value)) }))
    }

    private func list(_ items: [String]) -> Node? {
        items.isEmpty ? nil : .sequence(.init(items.map(plain)))
    }

    private func path(_ path: String?) -> Node? {
        path == nil || path == "/" ? nil : plain(path!)
    }

    private func mappingNode(_ fields: [(String, Node?)]) -> Node {
        .mapping(.init(fields.compactMap { key, value in value.map { (plain(key), $0) } }))
    }

    private func plain(_ text: String) -> Node { .scalar(.init(text, .implicit, .any)) }
    private func quoted(_ text: String) -> Node { .scalar(.init(text, .implicit, .singleQuoted)) }
    private func bool(_ value: Bool) -> Node { .scalar(.init(value ? "true" : "false", .implicit, .plain)) }
}
