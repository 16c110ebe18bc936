import Foundation
import IAMCore
import Yams

extension LabSeed {
    /// Reads a seed file (YAML or JSON). Policy `document_file`s are read relative to its folder.
    ///
    /// - Throws: ``LabSeedError`` naming the file, line and column of the problem: YAML syntax, an
    ///   unknown field, a value of the wrong type, a missing policy file.
    public static func load(contentsOf url: URL) throws -> LabSeed {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LabSeedError("cannot read the seed file: \(error.localizedDescription)", at: nil).in(file: url.path)
        }
        return try parse(text, file: url.path, directory: url.deletingLastPathComponent())
    }

    /// Parses seed text; `file` names it in messages, `directory` resolves `document_file`s.
    ///
    /// - Throws: ``LabSeedError``.
    public static func parse(_ text: String, file: String = "<seed>", directory: URL? = nil) throws -> LabSeed {
        let root: Node?
        do {
            // The reader takes every scalar as text, so no scalar needs its type resolved; the
            // default resolver's regular expressions were a tenth of resetting a 1,000-user lab.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw SeedReader.syntaxError(error, file: file)
        }
        let reader = SeedReader(file: file, directory: directory)
        var seed = LabSeed()
        seed.source = file
        guard let root else { return seed }
        let top = try reader.mapping(root, "the seed", keys: ["account", "root", "password_policy", "policies", "users", "groups"])
        if let node = top["account"] {
            let fields = try reader.mapping(node, "account", keys: ["id", "alias"])
            seed.account = AccountSection(
                id: try fields["id"].map(reader.string), alias: try fields["alias"].map(reader.string),
                location: reader.location(node))
        }
        if let node = top["root"] { seed.root = try reader.root(node) }
        if let node = top["password_policy"] { seed.passwordPolicy = try reader.passwordPolicy(node) }
        seed.policies = try top["policies"].map { try reader.list($0).map(reader.policy) } ?? []
        seed.users = try top["users"].map { try reader.list($0).map(reader.user) } ?? []
        seed.groups = try top["groups"].map { try reader.list($0).map(reader.group) } ?? []
        return seed
    }
}

extension LabSeedError {
    fileprivate func `in`(file: String) -> LabSeedError {
        location == nil ? LabSeedError("\(file): \(message)", at: nil) : self
    }
}

/// Reads the YAML node tree with its marks, so every error names the line it is about.
struct SeedReader {
    let file: String
    let directory: URL?

    static func syntaxError(_ error: YamlError, file: String) -> LabSeedError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return LabSeedError("invalid YAML: \(detail)", at: SeedLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return LabSeedError(
                "duplicate keys: \(duplicates.joined(separator: ", "))",
                at: SeedLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return LabSeedError("\(file): invalid YAML: \(error)", at: nil)
        }
    }

    func location(_ node: Node) -> SeedLocation? {
        node.mark.map { SeedLocation(file: file, line: $0.line, column: $0.column) }
    }

    func error(_ node: Node, _ message: String) -> LabSeedError {
        LabSeedError(message, at: location(node))
    }

    /// A mapping whose keys are all among `keys`, as `[key: value]`.
    func mapping(_ node: Node, _ what: String, keys: Set<String>) throws -> [String: Node] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(what) must be a mapping") }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            let name = try string(key)
            guard keys.contains(name) else {
                throw error(key, "unknown field '\(name)' in \(what); expected one of \(keys.sorted().joined(separator: ", "))")
            }
            fields[name] = value
        }
        return fields
    }

    func string(_ node: Node) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(node, "expected a text value") }
        return scalar.string
    }

    func bool(_ node: Node) throws -> Bool {
        switch try string(node).lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(node, "expected true or false")
        }
    }

    func int(_ node: Node) throws -> Int {
        guard let value = Int(try string(node)) else { throw error(node, "expected a whole number") }
        return value
    }

    func list(_ node: Node) throws -> [Node] {
        guard case .sequence(let sequence) = node else { throw error(node, "expected a list") }
        return Array(sequence)
    }

    func strings(_ node: Node) throws -> [String] { try list(node).map(string) }

    /// Tags as a mapping `key: value`, in file order.
    func tags(_ node: Node) throws -> [IAMCore.Tag] {
        guard case .mapping(let mapping) = node else { throw error(node, "tags must be a mapping of key: value") }
        return try mapping.map { IAMCore.Tag(key: try string($0.key), value: try string($0.value)) }
    }

    func root(_ node: Node) throws -> LabSeed.Root {
        let fields = try mapping(node, "root", keys: ["email", "password", "password_hash", "mfa_device", "access_keys"])
        var root = LabSeed.Root(email: try fields["email"].map(string), location: location(node))
        root.password = try password(fields, in: node, generateAllowed: false)
        root.mfaDevice = try fields["mfa_device"].map(mfaDevice)
        root.accessKeys = try fields["access_keys"].map { try list($0).map(accessKey) } ?? []
        return root
    }

    func password(_ fields: [String: Node], in node: Node, generateAllowed: Bool) throws -> LabSeed.Password? {
        var given: [LabSeed.Password] = []
        if let clear = fields["password"] { given.append(.clear(SeedSecret(try string(clear)))) }
        if let hash = fields["password_hash"] { given.append(.hash(try string(hash))) }
        if generateAllowed, let generate = fields["generate_password"], try bool(generate) { given.append(.generate) }
        guard given.count <= 1 else {
            throw error(node, "give only one of password, password_hash and generate_password")
        }
        return given.first
    }

    func passwordPolicy(_ node: Node) throws -> PasswordPolicy {
        let fields = try mapping(
            node, "password_policy",
            keys: [
                "minimum_password_length", "require_symbols", "require_numbers", "require_uppercase_characters",
                "require_lowercase_characters", "allow_users_to_change_password", "max_password_age",
                "password_reuse_prevention", "hard_expiry",
            ])
        var policy = PasswordPolicy()
        if let value = fields["minimum_password_length"] { policy.minimumPasswordLength = try int(value) }
        if let value = fields["require_symbols"] { policy.requireSymbols = try bool(value) }
        if let value = fields["require_numbers"] { policy.requireNumbers = try bool(value) }
        if let value = fields["require_uppercase_characters"] { policy.requireUppercaseCharacters = try bool(value) }
        if let value = fields["require_lowercase_characters"] { policy.requireLowercaseCharacters = try bool(value) }
        if let value = fields["allow_users_to_change_password"] { policy.allowUsersToChangePassword = try bool(value) }
        policy.maxPasswordAge = try fields["max_password_age"].map(int)
        policy.passwordReusePrevention = try fields["password_reuse_prevention"].map(int)
        if let value = fields["hard_expiry"] { policy.hardExpiry = try bool(value) }
        return policy
    }

    func policy(_ node: Node) throws -> LabSeed.Policy {
        let fields = try mapping(node, "a policy", keys: ["name", "path", "description", "document", "document_file", "tags"])
        guard let name = fields["name"] else { throw error(node, "a policy needs a name") }
        return LabSeed.Policy(
            name: try string(name), path: try fields["path"].map(string), description: try fields["description"].map(string),
            document: try document(fields, in: node), tags: try fields["tags"].map(tags) ?? [], location: location(node))
    }

    /// `document` (JSON text, or a YAML mapping turned into JSON) or `document_file` (a path
    /// relative to the seed file's folder).
    func document(_ fields: [String: Node], in node: Node) throws -> String {
        switch (fields["document"], fields["document_file"]) {
        case (let document?, nil):
            if case .scalar(let scalar) = document { return scalar.string }
            return try json(document).text()
        case (nil, let file?):
            let path = try string(file)
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : (directory ?? URL(fileURLWithPath: ".")).appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw error(file, "cannot read the policy file \(url.path)")
            }
            return text
        case (nil, nil):
            throw error(node, "a policy needs a document or a document_file")
        case (_?, _?):
            throw error(node, "give either document or document_file, not both")
        }
    }

    /// A YAML policy document as JSON. Every scalar becomes a JSON string: IAM reads `"true"`
    /// and `true`, `"5"` and `5` alike, and strings keep `2012-10-17` from turning into a date.
    func json(_ node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let scalar): return .string(scalar.string)
        case .sequence(let sequence): return .array(try sequence.map(json))
        case .mapping(let mapping): return .object(try mapping.map { (try string($0.key), try json($0.value)) })
        case .alias: throw error(node, "YAML aliases are not supported in policy documents")
        }
    }

    func inlinePolicy(_ node: Node) throws -> LabSeed.InlinePolicy {
        let fields = try mapping(node, "an inline policy", keys: ["name", "document", "document_file"])
        guard let name = fields["name"] else { throw error(node, "an inline policy needs a name") }
        return LabSeed.InlinePolicy(name: try string(name), document: try document(fields, in: node), location: location(node))
    }

    func accessKey(_ node: Node) throws -> LabSeed.AccessKey {
        let fields = try mapping(node, "an access key", keys: ["id", "secret", "status"])
        var key = LabSeed.AccessKey(
            id: try fields["id"].map(string), secret: try fields["secret"].map { SeedSecret(try string($0)) },
            location: location(node))
        if let status = fields["status"] {
            guard let value = AccessKeyStatus(rawValue: try string(status)), value != .expired else {
                throw error(status, "an access key's status is Active or Inactive")
            }
            key.status = value
        }
        if key.secret != nil, key.id == nil { throw error(node, "a pinned secret needs its access key id") }
        return key
    }

    func mfaDevice(_ node: Node) throws -> LabSeed.MFADevice {
        let fields = try mapping(node, "an MFA device", keys: ["name", "path", "seed"])
        return LabSeed.MFADevice(
            name: try fields["name"].map(string), path: try fields["path"].map(string),
            seed: try fields["seed"].map { SeedSecret(try string($0)) }, location: location(node))
    }

    func user(_ node: Node) throws -> LabSeed.User {
        let fields = try mapping(
            node, "a user",
            keys: [
                "name", "path", "tags", "password", "password_hash", "generate_password", "password_reset_required",
                "access_keys", "mfa_device", "policies", "inline_policies", "permissions_boundary",
            ])
        guard let name = fields["name"] else { throw error(node, "a user needs a name") }
        var user = LabSeed.User(name: try string(name), path: try fields["path"].map(string), location: location(node))
        user.tags = try fields["tags"].map(tags) ?? []
        user.password = try password(fields, in: node, generateAllowed: true)
        user.passwordResetRequired = try fields["password_reset_required"].map(bool) ?? false
        if user.passwordResetRequired, user.password == nil {
            throw error(node, "password_reset_required needs a password")
        }
        user.accessKeys = try fields["access_keys"].map { try list($0).map(accessKey) } ?? []
        user.mfaDevice = try fields["mfa_device"].map(mfaDevice)
        user.policies = try fields["policies"].map(strings) ?? []
        user.inlinePolicies = try fields["inline_policies"].map { try list($0).map(inlinePolicy) } ?? []
        user.permissionsBoundary = try fields["permissions_boundary"].map(string)
        return user
    }

    func group(_ node: Node) throws -> LabSeed.Group {
        let fields = try mapping(node, "a group", keys: ["name", "path", "members", "policies", "inline_policies"])
        guard let name = fields["name"] else { throw error(node, "a group needs a name") }
        var group = LabSeed.Group(name: try string(name), path: try fields["path"].map(string), location: location(node))
        group.members = try fields["members"].map(strings) ?? []
        group.policies = try fields["policies"].map(strings) ?? []
        group.inlinePolicies = try fields["inline_policies"].map { try list($0).map(inlinePolicy) } ?? []
        return group
    }
}
