// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "IAMStore",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "IAMCore", targets: ["IAMCore"]),
        .library(name: "IAMStoreSQLite", targets: ["IAMStoreSQLite"]),
        .library(name: "IAMService", targets: ["IAMService"]),
        .library(name: "IAMServer", targets: ["IAMServer"]),
        .executable(name: "iamctl", targets: ["iamctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Pure domain: names, ARNs, IDs, entities, errors, validation, policy language, store protocols.
        .target(name: "IAMCore"),

        // The repository layer; the only target that writes SQL. Migrations/*.sql are compiled in by EmbedFilesPlugin.
        .target(
            name: "IAMStoreSQLite",
            dependencies: [
                "IAMCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedFilesPlugin"]
        ),

        // Every IAM rule, credentials and audit; talks to storage only through IAMCore's protocols.
        .target(
            name: "IAMService",
            dependencies: [
                "IAMCore", "CArgon2", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedFilesPlugin"]
        ),

        // The AWS Query API over HTTP: SigV4 authentication, policy enforcement, model-driven decoding and XML.
        .target(
            name: "IAMServer",
            dependencies: [
                "IAMService", "CProcessTuning",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        .target(name: "CProcessTuning"),

        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),

        .executableTarget(
            name: "iamctl",
            dependencies: [
                "IAMService", "IAMStoreSQLite", "IAMServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Build tool: turns the top-level Migrations/ folder into Swift source (no Bundle.module at run time).
        .executableTarget(name: "EmbedFiles"),
        .plugin(name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["EmbedFiles"]),

        .testTarget(name: "IAMCoreTests", dependencies: ["IAMCore"]),
        .testTarget(
            name: "IAMStoreSQLiteTests",
            dependencies: ["IAMStoreSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "IAMServiceTests", dependencies: ["IAMService", "IAMStoreSQLite"]),
        .testTarget(
            name: "IAMServerTests",
            dependencies: [
                "IAMServer", "IAMService", "IAMStoreSQLite",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "iamctlTests", dependencies: ["iamctl", "IAMService", "IAMStoreSQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
