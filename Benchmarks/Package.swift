// swift-tools-version: 6.1
// Benchmarks live in their own package so the main build stays lean.
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
import PackageDescription

let package = Package(
    name: "IAMStoreBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "IAMStore", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StoreWrites",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IAMCore", package: "IAMStore"),
                .product(name: "IAMStoreSQLite", package: "IAMStore"),
            ],
            path: "Benchmarks/StoreWrites",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ServiceOperations",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IAMCore", package: "IAMStore"),
                .product(name: "IAMService", package: "IAMStore"),
                .product(name: "IAMStoreSQLite", package: "IAMStore"),
            ],
            path: "Benchmarks/ServiceOperations",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PolicyEvaluation",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IAMCore", package: "IAMStore"),
            ],
            path: "Benchmarks/PolicyEvaluation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LabReset",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "IAMCore", package: "IAMStore"),
                .product(name: "IAMService", package: "IAMStore"),
                .product(name: "IAMStoreSQLite", package: "IAMStore"),
            ],
            path: "Benchmarks/LabReset",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
