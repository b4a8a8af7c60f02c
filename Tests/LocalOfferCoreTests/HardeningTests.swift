import Foundation
import Testing
@testable import LocalOfferCore
#if canImport(Glibc)
import Glibc
#endif

/// A copy of the good fixture in a temporary folder, to break one thing at a time.
final class Scratch {
    let root: URL
    init(from source: URL = Fixtures.good) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("lo-hard-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.copyItem(at: source, to: root)
    }
    deinit {
        _ = chmod(root.appendingPathComponent("flows").path, 0o755)
        try? FileManager.default.removeItem(at: root)
    }
    func write(_ rel: String, _ text: String) {
        let url = root.appendingPathComponent(rel)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
    }
    func load(_ limits: ContentLimits = .standard, maxAge: Int? = nil) -> ContentLoader.Result {
        ContentLoader.load(from: root, today: Fixtures.today, maxAgeDays: maxAge, limits: limits)
    }
}

/// One line, located: `FILE:LINE:COL: error: …` or `FILE: warning: …`.
func isOneLocatedLine(_ line: String) -> Bool {
    guard !line.contains("\n"), !line.contains("\r") else { return false }
    return line.range(of: #"^[^\n]+?(:\d+:\d+)?: (error|warning): [^\n]+$"#, options: .regularExpression) != nil
        && !line.unicodeScalars.contains(where: Sanitize.isUnsafe)
}

func errors(_ r: ContentLoader.Result, in file: String) -> [Diagnostic] {
    r.errors.filter { $0.location.file == file }
}

@Suite struct ContentLimitTests {
    @Test func aliasBombIsRefusedInMilliseconds() {
        let s = Scratch()
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for i in 1..<10 {
            let p = Character(UnicodeScalar(UInt8(97 + i - 1))), c = Character(UnicodeScalar(UInt8(97 + i)))
            lines.append("\(c): &\(c) [" + Array(repeating: "*\(p)", count: 9).joined(separator: ",") + "]")
        }
        lines.append("terms: []")
        s.write("glossary/bomb.yaml", lines.joined(separator: "\n") + "\n")
        let start = Date()
        let r = s.load()
        #expect(Date().timeIntervalSince(start) < 2)
        let e = errors(r, in: "glossary/bomb.yaml")
        #expect(e.count == 1)
        #expect(e.first?.description.hasPrefix("glossary/bomb.yaml:1:4: error: YAML anchors ('&a') are not allowed") == true, "\(e)")
    }

    @Test func anAliasAloneIsRefusedWhereItIs() {
        let s = Scratch()
        // An alias used as a mapping key: Yams would hash the whole aliased tree while composing.
        s.write("glossary/keys.yaml", "terms:\n  - term: x\n    meaning: y\n  - ? *nothing\n    : z\n")
        let e = errors(s.load(), in: "glossary/keys.yaml")
        #expect(e.first?.description.hasPrefix("glossary/keys.yaml:4:7: error: YAML aliases ('*nothing')") == true, "\(e)")
    }

    @Test func deepNestingIsALocatedError() {
        let s = Scratch()
        s.write("glossary/deep.yaml", "terms: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n")
        s.write("glossary/deeper.yaml", "terms: " + String(repeating: "[", count: 100_000) + "\n")
        let r = s.load()
        #expect(errors(r, in: "glossary/deep.yaml").first?.message.contains("nested more than 32 deep") == true)
        // libyaml stops at 1,000 levels itself; either way a located error, no stack overflow.
        #expect(!errors(r, in: "glossary/deeper.yaml").isEmpty)
        for d in r.diagnostics { #expect(isOneLocatedLine(d.description), "\(d)") }
    }

    @Test func fileSizeNodeCountStringLengthAndFileCountAreBounded() {
        let s = Scratch()
        var small = ContentLimits()
        small.fileBytes = 4_000
        small.nodesPerFile = 50
        small.stringBytes = 100
        small.files = 100
        s.write("glossary/big.yaml", "terms: []\n# " + String(repeating: "x", count: 5_000) + "\n")
        s.write("glossary/many.yaml", "terms: [" + Array(repeating: "1", count: 60).joined(separator: ",") + "]\n")
        s.write("glossary/long.yaml", "terms:\n  - term: x\n    meaning: " + String(repeating: "y", count: 200) + "\n")
        let r = s.load(small)
        #expect(errors(r, in: "glossary/big.yaml").first?.message.contains("the limit is 4000") == true)
        #expect(errors(r, in: "glossary/many.yaml").first?.message.contains("more than 50 values") == true)
        #expect(errors(r, in: "glossary/long.yaml").first?.description.hasPrefix("glossary/long.yaml:3:14: error: this text is 200 bytes long") == true)
        small.files = 3
        let few = s.load(small)
        #expect(few.errors.contains { $0.message.contains("the limit is 3") && $0.location.file == s.root.path })
    }

    @Test func aFolderThatCannotBeReadIsAnError() throws {
        let s = Scratch()
        // Root reads through mode 000, so this is simulated: `flows` as a file, then as a dangling link.
        let flows = s.root.appendingPathComponent("flows")
        try FileManager.default.removeItem(at: flows)
        try "x".write(to: flows, atomically: true, encoding: .utf8)
        #expect(s.load().errors.contains { $0.location.file == "flows" && $0.message.contains("should be a folder") })
        try FileManager.default.removeItem(at: flows)
        try FileManager.default.createSymbolicLink(atPath: flows.path, withDestinationPath: "/nonexistent/flows")
        #expect(s.load().errors.contains { $0.location.file == "flows" && $0.message.contains("link to nothing") })
        // As a real user, a folder without read permission (skipped as root, where bits do not stop reads).
        if geteuid() != 0 {
            try FileManager.default.removeItem(at: flows)
            try FileManager.default.copyItem(at: Fixtures.good.appendingPathComponent("flows"), to: flows)
            chmod(flows.path, 0o000)
            #expect(s.load().errors.contains { $0.location.file == "flows" && $0.message.contains("cannot read the folder") })
        }
    }

    @Test func aPipeNamedLikeContentIsRefusedNotWaitedOn() {
        let s = Scratch()
        let fifo = s.root.appendingPathComponent("glossary/pipe.yaml")
        try? FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let start = Date()
        let r = s.load()
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(errors(r, in: "glossary/pipe.yaml").first?.message.contains("not a regular file") == true)
    }

    @Test func emptyFolderAndFolderWithoutServicesAreErrors() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lo-empty-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = ContentLoader.load(from: empty, today: Fixtures.today)
        #expect(!r.isValid)
        #expect(r.errors.first?.description.hasPrefix("services: error: no services found in \(empty.path)") == true, "\(r.errors)")
        let s = Scratch()
        try FileManager.default.removeItem(at: s.root.appendingPathComponent("services"))
        #expect(s.load().errors.contains { $0.location.file == "services" && $0.message.contains("no services found") })
    }
}

@Suite struct ContentTextTests {
    /// Escape sequences written with YAML escapes, raw bidi controls, zero width, C1: all refused, located.
    @Test(arguments: [
        ("\"\\e]0;PWNED\\a\"", "U+001B"), ("\"\\e]52;c;aGk=\\a\"", "U+001B"), ("\"\\x9b31m\"", "U+009B"),
        ("\"abc\\u202Edef\"", "U+202E"), ("abc\u{202E}def", "U+202E"), ("ab\u{200B}c", "U+200B"), ("x\u{2066}y", "U+2066"),
        ("\"a\\rb\"", "U+000D"), ("\"a\\x7fb\"", "U+007F"), ("\"\\uFEFFword\"", "U+FEFF"), ("\"a\\u061Cb\"", "U+061C"),
    ])
    func controlCharactersInContentAreRefused(_ value: String, _ code: String) {
        let s = Scratch()
        s.write("glossary/ctl.yaml", "terms:\n  - term: x\n    meaning: \(value)\n")
        let e = errors(s.load(), in: "glossary/ctl.yaml")
        #expect(e.first?.description.hasPrefix("glossary/ctl.yaml:3:14: error: this text holds \(code)") == true, "\(e)")
    }

    @Test func aRawControlByteIsLocatedToo() {
        let s = Scratch()
        s.write("glossary/raw.yaml", "terms:\n  - term: x\n    meaning: a\u{1B}[2Jb\n")
        let e = errors(s.load(), in: "glossary/raw.yaml")
        #expect(e.first?.description.hasPrefix("glossary/raw.yaml:3:15: error: the file holds U+001B") == true, "\(e)")
    }

    @Test func tabsAndNewlinesInTextAreFine() {
        let s = Scratch()
        s.write("glossary/ok.yaml", "terms:\n  - term: x\n    meaning: \"a\\tb\\nc\"\n")
        #expect(errors(s.load(), in: "glossary/ok.yaml").isEmpty)
    }

    @Test func aNewlineInAKeyOrFileNameStaysOneLine() {
        let s = Scratch()
        s.write("glossary/keys.yaml", "terms:\n  - term: x\n    meaning: y\n    \"evil\\nforged.yaml:1:1: error: fake\": z\n")
        s.write("glossary/new\nline.yaml", "terms: 3\n")
        let r = s.load()
        let lines = r.diagnostics.map(\.description)
        #expect(lines.contains { $0.contains("evil\\nforged.yaml") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("glossary/new\\nline.yaml:1:8: error:") }, "\(lines)")
        for l in lines { #expect(isOneLocatedLine(l), "\(l)") }
    }

    @Test(arguments: ["2026-+1-01", "2026-13-01", "2026-02-30", "2026-1-01", " 2026-01-01", "2026-01-0x", "+026-01-01", "2026-00-10", "2026--1-01"])
    func datesAreStrictlyYYYYMMDD(_ date: String) {
        #expect(ISODate.parse(date) == nil)
    }

    @Test func realDatesParse() {
        #expect(ISODate.parse("2024-02-29") != nil)
        #expect(ISODate.parse("2026-11-29") != nil)
    }

    @Test func maxAgeWarnsAboutEveryOlderEntryOnlyAsAWarning() throws {
        let s = Scratch()
        let clean = s.load()
        #expect(clean.warnings.filter { $0.message.contains("last reviewed") }.isEmpty)
        // The fixture's entries were reviewed shortly before Fixtures.today; one day is too strict for all.
        let strict = s.load(maxAge: 1)
        let old = strict.warnings.filter { $0.message.contains("(--max-age)") }
        #expect(!old.isEmpty)
        #expect(strict.isValid, "warnings only")
        for w in old { #expect(isOneLocatedLine(w.description) && w.location.line != nil) }
        let loose = s.load(maxAge: 36_500)
        #expect(loose.warnings.filter { $0.message.contains("--max-age") }.isEmpty)
    }
}

@Suite struct DeepFlowTests {
    static func chain(_ n: Int) -> Flow {
        var nodes: [FlowNode] = []
        for i in 0..<n {
            nodes.append(FlowNode(id: "q\(i)", type: .choice, text: "Q\(i)",
                                  options: [FlowOption(value: "yes", label: "Yes", next: i + 1 < n ? "q\(i + 1)" : "end")]))
        }
        nodes.append(FlowNode(id: "end", type: .outcome, title: "Done", entries: ["advice-line"]))
        return Flow(id: "long", title: "Long", start: "q0", nodes: nodes)
    }

    @Test func twelveThousandChainedQuestionsValidateQuickly() {
        let flow = Self.chain(12_000)
        let sink = DiagnosticSink()
        let steps = FlowValidator.validate(flow, hasPostcodes: false, sink: sink)
        // Linear work, not a clock (a clock fails on a loaded machine): each node and arrow is
        // looked at a few times by each walk, never once per path.
        let nodes = flow.nodes.count, arrows = flow.nodes.reduce(0) { $0 + $1.successors.count }
        #expect(steps > nodes && steps <= 8 * (nodes + arrows), "\(steps) steps for \(nodes) nodes")
        #expect(sink.errors.isEmpty, "\(sink.errors.prefix(3))")
        #expect(FlowEngine.longestToOutcome(from: "q0", in: flow) == 12_000)
    }

    @Test func aLongLoopIsReportedOnceAndShort() {
        var flow = Self.chain(12_000)
        flow.nodes[11_999].options[0].next = "q0"
        flow = Flow(id: flow.id, title: flow.title, start: flow.start, nodes: flow.nodes)
        let sink = DiagnosticSink()
        FlowValidator.validate(flow, hasPostcodes: false, sink: sink)
        let loops = sink.errors.filter { $0.message.hasPrefix("loop:") }
        #expect(loops.count == 1)
        #expect((loops.first?.message.count ?? 0) < 200)
    }

    @Test func aTwelveThousandNodeFlowFileChecksWithoutCrashing() {
        let s = Scratch()
        var yaml = "id: long\ntitle: Long\nstart: q0\nlast_reviewed: 2026-11-01\nsources: [https://example.org/long]\nnodes:\n"
        for i in 0..<12_000 {
            yaml += "- {id: q\(i), type: choice, text: Q, options: [{value: y, label: Y, next: \(i + 1 < 12_000 ? "q\(i + 1)" : "end")}]}\n"
        }
        yaml += "- {id: end, type: outcome, title: Done, entries: [advice-line]}\n"
        s.write("flows/long.yaml", yaml)
        let r = s.load()
        #expect(errors(r, in: "flows/long.yaml").isEmpty, "\(errors(r, in: "flows/long.yaml").prefix(3))")
        // Read whole, not cut short: every node, and the path from start to end, is there.
        let flow = r.content.flow("long")
        #expect(flow?.nodes.count == 12_001)
        #expect(flow.map { FlowEngine.longestToOutcome(from: "q0", in: $0) } == 12_000)
    }
}

@Suite struct SanitizeTests {
    @Test func oneLineEscapesEveryControl() {
        #expect(Sanitize.oneLine("a\nb\tc\u{1B}[2J\u{9B}\u{202E}\u{200B}") == "a\\nb\\tc\\u{1B}[2J\\u{9B}\\u{202E}\\u{200B}")
        #expect(Sanitize.oneLine("plain — text ✓") == "plain — text ✓")
    }

    @Test func textKeepsLinesAndDropsTheRest() {
        let t = Sanitize.text("line 1\n\tline 2\u{1B}]0;x\u{07}\u{9B}31m\u{202E}end\u{2028}")
        #expect(t == "line 1\n\tline 2\u{FFFD}]0;x\u{FFFD}\u{FFFD}31mend\u{FFFD}")
        #expect(!t.unicodeScalars.contains { Sanitize.isUnsafe($0) && $0 != "\n" && $0 != "\t" })
    }

    @Test func jsonKeepsTheDataButNoRawControls() throws {
        let raw = "a\u{9B}b\u{202E}c\u{2028}d\u{7F}"
        let data = try JSONSerialization.data(withJSONObject: ["k": raw])
        let safe = Sanitize.json(String(decoding: data, as: UTF8.self))
        #expect(!safe.unicodeScalars.contains(where: Sanitize.isUnsafe))
        let back = try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: String]
        #expect(back?["k"] == raw)
    }
}

@Suite struct TakeawayFileTests {
    static func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("lo-save-\(UUID().uuidString.prefix(8))").path
        return d
    }

    @Test(arguments: ["", "../x.txt", "/etc/passwd", "a/b.txt", ".hidden", "..", "~root.txt", "a\u{1B}b.txt", "a\nb", String(repeating: "x", count: 81), "-rf"])
    func onlyPlainFileNames(_ name: String) {
        #expect(TakeawayFile.problem(with: name) != nil)
        let dir = Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: TakeawayFile.Failure.self) { try TakeawayFile.save("x", name: name, in: dir) }
    }

    @Test func savesPrivatelyIntoAFolderItCreates() throws {
        let parent = Self.tempDir()
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let dir = parent + "/takeaways"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let path = try TakeawayFile.save("hello\n", name: "family.txt", in: dir)
        #expect(path == dir + "/family.txt")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        stat(dir, &st)
        #expect(st.st_mode & 0o777 == 0o700)
    }

    @Test func neverOverwritesAndNeverFollowsALink() throws {
        let dir = Self.tempDir()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        try "existing".write(toFile: dir + "/list.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/list-2.txt", withDestinationPath: victim)
        let path = try TakeawayFile.save("family data", name: "list.txt", in: dir)
        #expect(path == dir + "/list-3.txt")
        #expect(try String(contentsOfFile: dir + "/list.txt", encoding: .utf8) == "existing")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "family data")
        #expect(TakeawayFile.candidate("notes", 4) == "notes-4")
    }
}

@Suite struct KioskPINTests {
    static func pinFile(_ text: String, mode: mode_t) -> String {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("lo-pin-\(UUID().uuidString.prefix(8))").path
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        chmod(p, mode)
        return p
    }

    @Test func aGoodPINFileIsRead() throws {
        let p = Self.pinFile("123456\n", mode: 0o600)
        defer { unlink(p) }
        #expect(try KioskPIN.load(path: p).get() == "123456")
        let g = Self.pinFile("98765432", mode: 0o640)
        defer { unlink(g) }
        #expect(try KioskPIN.load(path: g).get() == "98765432")
    }

    @Test func unsafeOrWeakPINFilesAreRefused() throws {
        let short = Self.pinFile("12345", mode: 0o600)
        let readable = Self.pinFile("123456", mode: 0o644)
        let writable = Self.pinFile("123456", mode: 0o602)
        let letters = Self.pinFile("abcdef", mode: 0o600)
        let link = short + "-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: readable)
        defer { for p in [short, readable, writable, letters, link] { unlink(p) } }
        #expect(KioskPIN.load(path: short) == .failure(.tooShort(short)))
        #expect(KioskPIN.load(path: readable) == .failure(.otherPermissions(readable, mode: 0o644)))
        #expect(KioskPIN.load(path: writable) == .failure(.otherPermissions(writable, mode: 0o602)))
        #expect(KioskPIN.load(path: letters) == .failure(.notDigits(letters)))
        #expect(KioskPIN.load(path: link) == .failure(.symlink(link)))
        #expect(KioskPIN.load(path: FileManager.default.temporaryDirectory.path) == .failure(.notRegular(FileManager.default.temporaryDirectory.path)))
        #expect(KioskPIN.load(path: "/nonexistent/pin") == .failure(.missing("/nonexistent/pin")))
        for p in [KioskPIN.Problem.tooShort("x"), .otherPermissions("x", mode: 0o644)] { #expect(!"\(p)".contains("\n")) }
    }

    @Test func lockoutAfterThreeFreeTriesDoubles() {
        var l = PINLockout()
        l.fail(now: 0)
        l.fail(now: 1)
        #expect(l.wait(now: 1) == nil)
        l.fail(now: 2)
        #expect(l.wait(now: 2) == 30)
        #expect(l.wait(now: 32) == nil)
        l.fail(now: 40)
        #expect(l.wait(now: 40) == 60)
        l.fail(now: 100)
        #expect(l.wait(now: 100) == 120)
        for t in 0..<40 { l.fail(now: Double(1000 + t)) }
        #expect(l.wait(now: 1039) == PINLockout.longestLockout)
        l.succeed()
        #expect(l.wait(now: 1039) == nil)
        #expect(KioskPIN.matches("123456", "123456"))
        #expect(!KioskPIN.matches("12345", "123456"))
        #expect(!KioskPIN.matches("1234567", "123456"))
    }
}

@Suite struct KioskReloadTests {
    @Test func anEmptiedFolderKeepsTheRunningContent() throws {
        let s = Scratch()
        var watcher = ContentWatcher(root: s.root)
        Thread.sleep(forTimeInterval: 0.05)
        for sub in ["services", "guides", "flows"] {
            try FileManager.default.removeItem(at: s.root.appendingPathComponent(sub))
        }
        guard case .refused(let errors) = watcher.check() else {
            Issue.record("an emptied folder was adopted")
            return
        }
        #expect(errors.contains { $0.message.contains("no services") })
        // A broken file is refused too; a fixed folder is taken.
        try FileManager.default.copyItem(at: Fixtures.good.appendingPathComponent("services"), to: s.root.appendingPathComponent("services"))
        try FileManager.default.copyItem(at: Fixtures.good.appendingPathComponent("guides"), to: s.root.appendingPathComponent("guides"))
        try FileManager.default.copyItem(at: Fixtures.good.appendingPathComponent("flows"), to: s.root.appendingPathComponent("flows"))
        s.write("glossary/bad.yaml", "terms: &a [1]\n")
        guard case .refused = watcher.check() else { Issue.record("broken content was adopted"); return }
        try FileManager.default.removeItem(at: s.root.appendingPathComponent("glossary/bad.yaml"))
        guard case .reloaded(let content) = watcher.check() else { Issue.record("good content was not taken"); return }
        #expect(!content.entries.isEmpty)
    }
}
