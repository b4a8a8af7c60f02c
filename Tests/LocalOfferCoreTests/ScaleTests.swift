import Foundation
import Testing
@testable import LocalOfferCore

/// Issue 23 at a region's size: the pieces that make `check` and `export` scale, each against what
/// it replaced (the whole file read into a limit-sized buffer, the old page mapped whole, the feed
/// made on one core).
@Suite struct ScaleTests {
    /// The shipped services copied under new ids until there are `count`, as an imported directory.
    static func directory(_ count: Int) -> Content {
        Benchmark.syntheticContent(from: Fixtures.shippedResult.content, count: count)
    }

    static func temp(_ name: String) -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scale-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every size around the buffer's edges (its first guess is the file's size) reads back whole;
    /// one byte over the limit is refused, never cut short.
    @Test func aFileIsReadWholeAtEverySizeUpToTheLimit() throws {
        let dir = Self.temp("bounded")
        let limit = 70_000
        for size in [0, 1, 2, 4095, 4096, 4097, 65_535, 65_536, 65_537, limit - 1, limit] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let url = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: url)
            guard case .success(let data) = BoundedFile.read(url.path, limit: limit) else {
                Issue.record("\(size) bytes: not read"); continue
            }
            #expect([UInt8](data) == bytes, "\(size) bytes read back")
        }
        let over = dir.appendingPathComponent("over")
        try Data(count: limit + 1).write(to: over)
        #expect(BoundedFile.read(over.path, limit: limit) == .failure(.tooLarge(limit + 1)))
    }

    /// The export leaves a file alone when its bytes are the same: compared piece by piece, across
    /// piece boundaries, and false for any difference (size, one byte at the end, a missing file).
    @Test func sameBytesFindsEveryDifferenceWithoutHoldingTheFile() throws {
        let dir = Self.temp("same")
        let size = SameBytes.piece * 2 + 17
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try Data(bytes).write(to: a)
        try Data(bytes).write(to: b)
        #expect(SameBytes.file(a.path, equals: bytes))
        #expect(SameBytes.file(a.path, equalsFile: b.path))
        var last = bytes
        last[size - 1] ^= 1
        #expect(!SameBytes.file(a.path, equals: last))
        var edge = bytes
        edge[SameBytes.piece] ^= 1
        #expect(!SameBytes.file(a.path, equals: edge))
        #expect(!SameBytes.file(a.path, equals: Array(bytes.dropLast())))
        try Data(last).write(to: b)
        #expect(!SameBytes.file(a.path, equalsFile: b.path))
        #expect(!SameBytes.file(dir.appendingPathComponent("none").path, equals: bytes))
        #expect(!SameBytes.file(dir.path, equals: []), "a folder is not a file of no bytes")
        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(SameBytes.file(empty.path, equals: []))
    }

    /// The services are made on every core in batches; the page and the files must still come out
    /// in feed order, each service's file the same document as one made alone.
    @Test func theFeedMadeOnEveryCoreIsInFeedOrder() throws {
        let content = Self.directory(700)
        let files = try ORUKExport.files(content)
        let alone = ORUKExport.services(content)
        #expect(alone.count > 700, "a service per borough where offered, over several batches")
        let page = try #require(files["services.json"].flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        let ids = (page["contents"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids == alone.compactMap { $0["id"]?.string })
        for s in alone {
            let id = try #require(s["id"]?.string)
            #expect(files["services/\(id).json"] == Data(s.document), "\(id) is the document made alone")
        }
    }

    /// A re-export over the old feed rewrites only what changed: the unchanged files (the pages
    /// included) keep their inode, a changed service and the pages that hold it are replaced.
    @Test func aReExportReplacesOnlyWhatChanged() throws {
        var content = Self.directory(60)
        let dir = Self.temp("reexport")
        try ORUKExport.export(content, to: dir)
        func inodes() -> [String: UInt64] {
            var out: [String: UInt64] = [:]
            let e = FileManager.default.enumerator(atPath: dir.path)
            while let p = e?.nextObject() as? String {
                var st = stat()
                if stat(dir.path + "/" + p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { out[p] = UInt64(st.st_ino) }
            }
            return out
        }
        let before = inodes()
        try ORUKExport.export(content, to: dir)
        #expect(inodes() == before, "an unchanged feed is left exactly as it was")

        var entries = content.entries
        entries[5].summary += " Changed."
        content = Content(entries: entries, glossary: content.glossary, categories: content.categories, routes: content.routes,
                          postcodes: content.postcodes, coverage: [], flows: content.flows, root: content.root)
        try ORUKExport.export(content, to: dir)
        let after = inodes()
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        let expected = Set(entries[5].offeredIn.map { "services/\(ORUKExport.serviceId(entry: entries[5].id, borough: $0)).json" })
            .union(Set(entries[5].offeredIn.map { b in
                "service_at_locations/\(UUIDv5.string("service_at_location/\(ORUKExport.serviceId(entry: entries[5].id, borough: b))")).json"
            }))
            .union(["services.json", "service_at_locations.json"])
        #expect(changed.isSubset(of: expected), "\(changed.subtracting(expected))")
        #expect(changed.contains("services.json"))
        #expect(after.keys.allSatisfy { !($0.split(separator: "/").last?.hasPrefix(".") ?? false) }, "no temporary file left")
    }

    /// The bench's export phase: the whole feed's bytes counted, none kept.
    @Test func theBenchExportCountsEveryByteOfTheFeed() throws {
        let content = Self.directory(40)
        let files = try ORUKExport.files(content)
        let run = try Benchmark.export(content: content)
        #expect(run.services == ORUKExport.services(content).count)
        #expect(run.bytes == files.values.reduce(0) { $0 + $1.count })
        #expect(run.files == files.count)
    }
}

@Suite struct ScaleCheckTests {
    /// The byte path for ASCII summaries finds exactly the words the Unicode path finds.
    @Test func abbreviationsByBytesAreThoseByCharacters() {
        var rng = SplitMix64(state: 23)
        let pieces = ["SEN", "EHCP", "SaLT", "A&E", "CAMHS", "OT", "UK", "ADHD", "K2", "AfC", "ABCDEFGHIJK", "x", "and", "(SEN)",
                      " ", ", ", ".", "-", "\n", "\t", "2", "Q", "qq", "SENDIASS", "&", "IQ5"]
        for _ in 0..<2_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(Abbreviations.findASCII(text) == Abbreviations.findAny(text), "\(text)")
        }
        #expect(Abbreviations.find(in: "Ask SENDIASS or CAMHS (via the GP) about EHCP") == ["SENDIASS", "CAMHS", "GP", "EHCP"])
        #expect(Abbreviations.find(in: "Café SEN ÉCOLE") == ["SEN", "ÉCOLE"], "non-ASCII text takes the Unicode path")
    }

    /// Only a message or place that could forge a severity is rewritten; every other is left as is.
    @Test func aDiagnosticIsRewrittenOnlyWhereItCouldForgeASeverity() {
        #expect(Diagnostic.mayForge("x: error: y") && Diagnostic.mayForge("a: warning: b"))
        #expect(!Diagnostic.mayForge("an error: here") && !Diagnostic.mayForge("x:error:") && !Diagnostic.mayForge(""))
        let d = Diagnostic(.warning, SourceLocation(file: "services/a.yaml", line: 3, column: 1), "title 'b: error: c' is odd")
        #expect(d.description == "services/a.yaml:3:1: warning: title 'b\u{2236} error: c' is odd")
    }

    @Test func theIdAFileMustHoldIsItsNameWithoutTheSuffix() {
        #expect(YAMLFile.stem("services/speech-therapy.yaml") == "speech-therapy")
        #expect(YAMLFile.stem("flows/find-support.yml") == "find-support")
        #expect(YAMLFile.stem("a.yaml.txt") == "a.yaml.txt")
    }
}

@Suite struct IdentifierByBytesTests {
    /// The byte check accepts exactly lower-case kebab-case, as the character check did.
    @Test func kebabCaseByBytes() {
        for ok in ["a", "0", "speech-and-language-therapy", "16-to-19", "a-b-c9"] { #expect(Identifier.isValid(ok), "\(ok)") }
        for bad in ["", "-", "-a", "a-", "a--b", "A", "aB", "a_b", "a b", "é", "a\u{301}", "a\r\nb", "ａ", "a.yaml", "١"] {
            #expect(!Identifier.isValid(bad), "\(bad)")
        }
    }
}
