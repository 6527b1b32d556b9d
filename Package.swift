// swift-tools-version:6.1
import PackageDescription

// scripts/fuzz sets XUNCHA_FUZZ: the manifest then declares the libFuzzer targets of Fuzz/ and
// instruments this package's own modules for them (docs/fuzzing.md). Without it nothing changes.
let fuzzing = Context.environment["XUNCHA_FUZZ"] != nil
let fuzzFlags = ["-sanitize=fuzzer,address"]
// `scripts/fuzz --optimized` for long runs: built as the server runs, many times the inputs a
// second; the short runs in CI build faster without.
let fuzzOptimization = Context.environment["XUNCHA_FUZZ"] == "optimized" ? ["-O"] : []

let swiftSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny")
    ] + (fuzzing ? [.unsafeFlags(fuzzFlags + fuzzOptimization)] : [])

let package = Package(
    name: "xuncha",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "xuncha", targets: ["xuncha"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "XunchaText", swiftSettings: swiftSettings),
        .target(
            name: "XunchaCore",
            dependencies: ["XunchaText", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "XunchaStore",
            dependencies: [
                "XunchaCore", "XunchaText",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "XunchaIntake",
            dependencies: [
                "XunchaCore", "XunchaText",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "XunchaDesk",
            dependencies: [
                "XunchaText", "XunchaCore", "XunchaStore", "XunchaIntake",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "XunchaWeb",
            dependencies: [
                "XunchaCore", "XunchaStore", "XunchaIntake", "XunchaDesk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "xuncha",
            dependencies: [
                "XunchaText", "XunchaCore", "XunchaStore", "XunchaIntake", "XunchaDesk", "XunchaWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XunchaTextTests",
            dependencies: ["XunchaText", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "XunchaCoreTests", dependencies: ["XunchaCore"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "XunchaIntakeTests",
            dependencies: ["XunchaIntake", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "XunchaTestSupport",
            dependencies: ["XunchaStore", .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log")],
            path: "Tests/XunchaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XunchaStoreTests",
            dependencies: [
                "XunchaStore", "XunchaTestSupport", .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XunchaDeskTests",
            dependencies: [
                "XunchaDesk", "XunchaTestSupport", .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XunchaWebTests",
            dependencies: [
                "XunchaWeb", "XunchaDesk",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "XunchaStore", "XunchaDesk",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// One executable per reader fuzzed, each a single file with its one-input function, and the
// driver they share. Only the package's own modules are instrumented: the dependencies keep the
// flags of a normal build, so a fuzz build in .build reuses them.
if fuzzing {
    let driver = "FuzzDriver"
    package.targets.append(.target(name: driver, path: "Fuzz/\(driver)", swiftSettings: swiftSettings))
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzMail", ["FuzzDriver", "XunchaIntake"]),
        ("FuzzAnnouncement", ["FuzzDriver", "XunchaIntake", "XunchaCore"]),
        ("FuzzText", ["FuzzDriver", "XunchaText"]),
        ("FuzzRoster", ["FuzzDriver", "XunchaIntake"]),
        ("FuzzAPI", ["FuzzDriver", "XunchaWeb", "XunchaDesk", "XunchaCore", .product(name: "NIOCore", package: "swift-nio")]),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name,
                dependencies: target.dependencies,
                path: "Fuzz/\(target.name)",
                swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])],
                linkerSettings: [.unsafeFlags(fuzzFlags)]
            )
        )
    }
}
