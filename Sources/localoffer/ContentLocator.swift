import Foundation
import LocalOfferCore

/// Finds the content folder: --content, then $LOCALOFFER_CONTENT, then the repository the binary was
/// built in (swift run, .build/…), then the working folder, then an installed copy.
enum ContentLocator {
    static func locate(_ explicit: String?) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = ProcessInfo.processInfo.environment["LOCALOFFER_CONTENT"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        for candidate in candidates() where isContentFolder(candidate) { return candidate }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("content")
    }

    static func candidates() -> [URL] {
        var out: [URL] = []
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        // Walk up from the binary: .build/debug/localoffer → the repository's content/.
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<6 {
            out.append(dir.appendingPathComponent("content"))
            // Installed: PREFIX/bin/localoffer → PREFIX/share/localoffer/content.
            out.append(dir.appendingPathComponent("share/localoffer/content"))
            dir = dir.deletingLastPathComponent()
        }
        out.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("content"))
        out.append(URL(fileURLWithPath: "/usr/local/share/localoffer/content"))
        out.append(URL(fileURLWithPath: "/usr/share/localoffer/content"))
        return out
    }

    static func isContentFolder(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("services").path, isDirectory: &isDir) && isDir.boolValue
    }
}
