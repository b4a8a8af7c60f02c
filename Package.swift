// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "localoffer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "localoffer", targets: ["localoffer"]),
    ],
    dependencies: [
        // Pinned to the versions the tests ran against, so a fresh clone builds what was tested
        // (Package.resolved is not committed). To update: README "Updating the dependencies".
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // ncursesw through a module map; the shim turns C macros and globals into functions.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // libqrencode through a module map, for the take-away's QR code (issue 18): a maintained
        // encoder rather than a hand-written one.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The one catalogue of words a person reads (issue 17): keys, their English, plural forms and
        // the strings-file loader. No dependencies, so Core (verdicts, entry answers, the take-away),
        // the UI and the CLI all make their words from it without Core knowing about terminals.
        .target(name: "LocalOfferStrings"),
        // Pure core: content model, loading, validation, eligibility, search, flows. No terminal.
        .target(
            name: "LocalOfferCore",
            dependencies: ["LocalOfferStrings", .product(name: "Yams", package: "Yams")]
        ),
        // Small C pieces: the C library's wcwidth (shared by the cell buffer and ncurses) and the
        // async-signal-safe terminal restore.
        .target(name: "CShims"),
        // QR codes: encoding through libqrencode, and drawing as terminal text. No terminal itself.
        .target(
            name: "LocalOfferQR",
            dependencies: ["CQRencode"]
        ),
        // Elm-style UI: state, update, view into an in-memory cell buffer. No terminal either.
        .target(
            name: "LocalOfferUI",
            dependencies: ["LocalOfferCore", "CShims", "LocalOfferQR"]
        ),
        // The only code that talks to ncurses: draws buffer changes, reads keys.
        .target(
            name: "LocalOfferTerminal",
            dependencies: ["CNcursesw", "CShims", "LocalOfferUI"]
        ),
        .executableTarget(
            name: "localoffer",
            dependencies: [
                "LocalOfferCore", "LocalOfferUI", "LocalOfferTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LocalOfferCoreTests",
            dependencies: ["LocalOfferCore"],
            // Read in place (by #filePath), as content editors' files would be: not bundled.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LocalOfferUITests",
            dependencies: ["LocalOfferUI", "LocalOfferCore", "LocalOfferQR"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "LocalOfferTerminalTests",
            dependencies: ["LocalOfferTerminal"]
        ),
        // Decodes what is drawn with zbarimg (Debian zbar-tools): fails when it is missing.
        .testTarget(
            name: "LocalOfferQRTests",
            // The QR screen's tests draw it through the UI and decode the cells on screen.
            dependencies: ["LocalOfferQR", "LocalOfferUI", "LocalOfferCore"]
        ),
        .testTarget(
            name: "EndToEndTests",
            // LocalOfferQR: a captured pane is turned into an image (QRDrawing.pgm) for zbarimg.
            dependencies: ["LocalOfferCore", "LocalOfferQR"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
