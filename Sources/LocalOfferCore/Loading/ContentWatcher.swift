import Foundation

/// For a long-running kiosk: notices when the content folder changed, and hands over new content
/// only if it passes the same checks as `localoffer check`.
public struct ContentWatcher: Sendable {
    public enum Outcome: Sendable {
        case unchanged
        case reloaded(Content)
        /// The files changed but are broken: keep the running content. No personal data in here.
        case refused(errors: [Diagnostic])
    }

    public let root: URL
    private var stamp: Double

    public init(root: URL) {
        self.root = root
        self.stamp = ContentWatcher.newestChange(under: root)
    }

    public mutating func check() -> Outcome {
        let now = ContentWatcher.newestChange(under: root)
        guard now != stamp else { return .unchanged }
        stamp = now
        let result = ContentLoader.load(from: root, warnings: false)
        guard result.isValid else { return .refused(errors: result.errors) }
        // The loader already refuses a folder without services; a kiosk must never adopt one, whatever changes there.
        guard result.content.entries.contains(where: { $0.kind == .service }) else {
            return .refused(errors: [Diagnostic(.error, SourceLocation(file: root.path), "no services found")])
        }
        return .reloaded(result.content)
    }

    /// The newest modification time of any file under the folder (and how many there are, so a
    /// deleted file counts as a change too).
    static func newestChange(under root: URL) -> Double {
        var newest = 0.0
        var count = 0.0
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return 0 }
        for case let url as URL in e {
            count += 1
            if let d = (try? url.resourceValues(forKeys: Set(keys)))?.contentModificationDate {
                newest = max(newest, d.timeIntervalSince1970)
            }
        }
        return newest + count / 1e6
    }
}
