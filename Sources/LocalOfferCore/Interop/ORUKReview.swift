import Foundation

/// The review mark of an imported entry: a top-level `draft: true` line, which `localoffer review`
/// removes (nothing else in the file changes) and a re-import puts back when the feed changes it.
public enum ReviewMark {
    public enum Outcome: Equatable { case cleared, notDraft, failed(String) }

    /// Bounded like any content file: past the loader's file size this is not an entry.
    static let maxBytes = 1 << 20

    public static func clear(_ file: URL) -> Outcome {
        guard let data = try? Data(contentsOf: file), data.count <= maxBytes else { return .failed("cannot read it (or it is over 1 MB)") }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let before = lines.count
        lines.removeAll { isMark($0) }
        guard lines.count != before else { return .notDraft }
        do {
            try AtomicFile.write(Data(lines.joined(separator: "\n").utf8), to: file)
            return .cleared
        } catch {
            return .failed(error.localizedDescription)
        }
    }

    /// `draft: true` at the top level, with or without a trailing comment or spaces.
    static func isMark(_ line: Substring) -> Bool {
        guard line.hasPrefix("draft:") else { return false }
        var v = line.dropFirst(6)
        if let hash = v.firstIndex(of: "#") { v = v[..<hash] }
        let t = v.trimmingCharacters(in: .whitespaces).lowercased()
        return t == "true" || t == "yes"
    }
}
