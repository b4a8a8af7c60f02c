import Foundation
import LocalOfferQR

/// zbarimg (Debian zbar-tools) decodes what the drawings produce. It is required: when it is
/// missing the tests that need it fail with the install command, they do not skip.
enum Zbar {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "zbarimg not found on PATH (or /usr/bin): install it with `apt-get install zbar-tools`"
        }
    }
    struct Failed: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "zbarimg exited \(status) (4 = no code found): \(stderr)" }
    }

    /// The zbarimg executable: PATH first, then /usr/bin (where Debian puts it).
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return dirs.lazy.map { $0 + "/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Decodes one image with `zbarimg --raw -q`: the data of each symbol found, one per line.
    /// zbarimg ends each symbol's data with a newline, which is removed (only that one).
    static func decode(pgm: [UInt8]) throws -> String {
        guard let path else { throw Missing() }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("localoffer-qr-\(UUID().uuidString).pgm")
        try Data(pgm).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--raw", "-q", file.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall zbarimg.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Draws `code` both ways, renders each drawing and decodes it.
    static func decodeBothDrawings(_ code: QRCode, quietZone: Int = 2) throws -> (halfBlock: String, ascii: String) {
        let half = try decode(pgm: QRDrawing.pgm(fromScreenLines: QRDrawing.halfBlockLines(code, quietZone: quietZone)))
        let ascii = try decode(pgm: QRDrawing.pgm(fromScreenLines: QRDrawing.asciiLines(code, quietZone: quietZone), scale: 2))
        return (half, ascii)
    }
}

/// The repository's own content, read in place.
enum Content {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// For each service file: its `contact.website` if it has one, else its first source. These are
    /// the addresses an entry's take-away carries.
    static func entryAddresses() throws -> [(file: String, address: String)] {
        let dir = root.appendingPathComponent("content/services")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.compactMap { name in
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let website = lines.lazy.compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("website:") else { return nil }
                return t.dropFirst("website:".count).trimmingCharacters(in: .whitespaces)
            }.first
            let firstSource: String? = lines.firstIndex(of: "sources:").flatMap { i in
                lines[(i + 1)...].first.map { $0.trimmingCharacters(in: .whitespaces) }
                    .flatMap { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : nil }
            }
            guard let address = website ?? firstSource, address.hasPrefix("http") else { return nil }
            return (name, address)
        }
    }
}
