import Foundation
import Testing
@testable import LocalOfferCore


/// Mutated content through the whole loader and validator, in process: no crash, no hang over five
/// seconds, and every diagnostic one located line. Seeds are fixed (LOCALOFFER_FUZZ_SEED picks
/// another run, LOCALOFFER_FUZZ_COUNT another size).
@Suite(.serialized) struct ContentFuzzTests {
    static let count = Int(ProcessInfo.processInfo.environment["LOCALOFFER_FUZZ_COUNT"] ?? "") ?? 400
    static let seed = UInt64(ProcessInfo.processInfo.environment["LOCALOFFER_FUZZ_SEED"] ?? "") ?? 20_261_201

    /// Files to mutate: the good fixture's own, and a few shipped ones dropped into it.
    static let targets: [(rel: String, text: String)] = {
        var out: [(String, String)] = []
        let fm = FileManager.default
        for base in [Fixtures.good] {
            guard let e = fm.enumerator(atPath: base.path) else { continue }
            for case let rel as String in e where rel.hasSuffix(".yaml") {
                if let t = try? String(contentsOf: base.appendingPathComponent(rel), encoding: .utf8) { out.append((rel, t)) }
            }
        }
        for rel in ["flows/find-support.yaml", "services/portage.yaml", "guides/guide-sen-support.yaml", "postcodes.yaml"] {
            if let t = try? String(contentsOf: Fixtures.shipped.appendingPathComponent(rel), encoding: .utf8) { out.append((rel, t)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }()

    static let nasty: [String] = [
        "\u{1B}]0;PWNED\u{07}", "\u{1B}]52;c;aGVsbG8=\u{07}", "\u{1B}[2J", "\u{1B}[?1049h", "\u{9B}31m", "\u{202E}", "\u{2066}",
        "\u{200B}", "\u{FEFF}", "\u{2028}", "\\e[2J", "\\x9b", "\\u202E", "\u{0}", "\r", "\t", "\u{7F}",
    ]

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = Array(text.utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func at() -> Int { bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng) }
        func lineIndex() -> Int { Int.random(in: 0..<max(1, lines.count), using: &rng) }
        func joined(_ ls: [String]) -> [UInt8] { Array(ls.joined(separator: "\n").utf8) }
        switch Int.random(in: 0..<16, using: &rng) {
        case 0: // truncate
            return Array(bytes.prefix(at()))
        case 1: // random bytes
            let n = Int.random(in: 1...8, using: &rng)
            bytes.insert(contentsOf: (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at())
            return bytes
        case 2: // controls, escapes, bidi, raw or as YAML escapes
            let s = nasty.randomElement(using: &rng) ?? ""
            var ls = lines
            let i = lineIndex()
            if ls.indices.contains(i) {
                ls[i] += Bool.random(using: &rng) ? s : " \"x\(s)y\""
            }
            return joined(ls)
        case 3: // deep nesting
            let depth = [20, 33, 200, 999, 1_500, 20_000].randomElement(using: &rng) ?? 40
            var ls = lines
            ls.insert("deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: Bool.random(using: &rng) ? depth : 0), at: min(ls.count, lineIndex()))
            return joined(ls)
        case 4: // anchors and aliases, a bomb among them
            var ls = lines
            let bomb = ["b0: &b0 [x,x,x,x,x,x,x,x]"] + (1..<8).map { "b\($0): &b\($0) [" + Array(repeating: "*b\($0 - 1)", count: 8).joined(separator: ",") + "]" }
            let choice = Int.random(in: 0..<3, using: &rng)
            if choice == 0 { ls.insert(contentsOf: bomb, at: 0) } else if choice == 1, ls.indices.contains(1) {
                ls[1] = ls[1].replacingOccurrences(of: ": ", with: ": &anchor ")
            } else { ls.append("extra: *missing") }
            return joined(ls)
        case 5: // huge and odd numbers
            let n = ["99999999999999999999999999", "-9223372036854775809", "1e400", "0x7fffffff", "-0", ".nan", "+12"].randomElement(using: &rng) ?? "9"
            let t = text.replacingOccurrences(of: #"\b\d+\b"#, with: n, options: .regularExpression)
            return Array(t.utf8)
        case 6: // newline and controls in keys
            var ls = lines
            ls.insert("\"key\\nforged.yaml:1:1: error: fake\\u001b[2J\": 1", at: min(ls.count, lineIndex()))
            return joined(ls)
        case 7: // duplicate a line (duplicate keys)
            var ls = lines
            let i = lineIndex()
            if ls.indices.contains(i) { ls.insert(ls[i], at: i) }
            return joined(ls)
        case 8: // swap types
            var ls = lines
            let i = lineIndex()
            if ls.indices.contains(i), let colon = ls[i].firstIndex(of: ":") {
                let v = ["[1, 2]", "{a: b}", "", "~", "true", "\"\"", "- x", "|\n  block"].randomElement(using: &rng) ?? ""
                ls[i] = String(ls[i][...colon]) + " " + v
            }
            return joined(ls)
        case 9: // delete lines
            var ls = lines
            for _ in 0..<Int.random(in: 1...5, using: &rng) where !ls.isEmpty { ls.remove(at: Int.random(in: 0..<ls.count, using: &rng)) }
            return joined(ls)
        case 10: // indentation broken, tabs
            var ls = lines
            let i = lineIndex()
            if ls.indices.contains(i) { ls[i] = (Bool.random(using: &rng) ? "\t" : "   ") + ls[i] }
            return joined(ls)
        case 11: // a very long text
            var ls = lines
            ls.append("long: " + String(repeating: "word ", count: Int.random(in: 1_000...20_000, using: &rng)))
            return joined(ls)
        case 12: // invalid UTF-8 or a NUL
            bytes.insert(contentsOf: Bool.random(using: &rng) ? [0xC3, 0x28] : [0x00], at: at())
            return bytes
        case 13: // BOM, CRLF, multiple documents
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return [0xEF, 0xBB, 0xBF] + bytes
            case 1: return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            default: return bytes + Array("\n---\nid: second\n".utf8)
            }
        case 14: // a flow that goes round in circles or nowhere
            let t = text.replacingOccurrences(of: #"next: [a-z0-9-]+"#, with: "next: \(["start", "nowhere", "q1"].randomElement(using: &rng) ?? "x")", options: .regularExpression)
            return Array(t.utf8)
        default: // several at once
            var t = String(decoding: mutate(text, &rng), as: UTF8.self)
            t = String(decoding: mutate(t, &rng), as: UTF8.self)
            return Array(t.utf8)
        }
    }

    @Test func mutatedContentNeverCrashesHangsOrBreaksTheDiagnosticFormat() throws {
        let targets = Self.targets
        #expect(targets.count >= 8)
        let scratch = Scratch()
        var rng = SplitMix64(state: Self.seed)
        let started = Date()
        var diagnostics = 0
        for i in 0..<Self.count {
            guard let target = targets.randomElement(using: &rng) else { break }
            let mutant = Self.mutate(target.text, &rng)
            let url = scratch.root.appendingPathComponent(target.rel)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(mutant).write(to: url)
            // A watchdog: the load runs elsewhere; five seconds without an answer is a hang.
            let done = DispatchSemaphore(value: 0)
            let box = ResultBox()
            let root = scratch.root
            DispatchQueue.global().async {
                box.result = ContentLoader.load(from: root, today: Fixtures.today, maxAgeDays: 365)
                done.signal()
            }
            guard done.wait(timeout: .now() + 5) == .success, let result = box.result else {
                Issue.record("mutant \(i) of seed \(Self.seed) (\(target.rel)) hung for over 5 s")
                return
            }
            for d in result.diagnostics {
                diagnostics += 1
                #expect(isOneLocatedLine(d.description), "mutant \(i) of seed \(Self.seed) (\(target.rel)): \(d.description)")
            }
            // Put the file back (or remove a shipped file that was dropped in).
            if FileManager.default.fileExists(atPath: Fixtures.good.appendingPathComponent(target.rel).path) {
                try Data(target.text.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        #expect(diagnostics > Self.count, "the mutants should provoke diagnostics")
        #expect(Date().timeIntervalSince(started) < 120)
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: ContentLoader.Result?
}
