import Foundation
import Testing
@testable import LocalOfferCore

/// Issues 21 and 23: the snapshot holds the built search engine, and an engine restored from it
/// answers exactly as one built from the content.
@Suite struct SnapshotEngineTests {
    func copyOfShipped() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snap-engine-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.shipped, to: dir)
        try? FileManager.default.removeItem(at: dir.appendingPathComponent(ContentSnapshot.fileName))
        return dir
    }

    func noCache() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("snap-cache-\(UUID().uuidString)") }

    /// Everything a response says, as text: ids in order, scores to the bit, the reading of the
    /// query and every line of --explain.
    func fingerprint(_ r: SearchEngine.Response) -> [String] {
        var out = ["total \(r.total) hidden \(r.hidden) \(r.hiddenReason ?? "")", "unknown \(r.unknownWords)",
                   "suggest \(r.suggestions)", "age \(String(describing: r.ageHint))", "concepts \(r.concepts)",
                   "intent \(r.intent ?? "")", "corrections \(r.corrections.map { "\($0.from)>\($0.to)" })"]
        for h in r.hits {
            out.append("\(h.entry.id) \(h.score.bitPattern) \(String(describing: h.eligibility?.verdict))")
            if let x = h.explanation {
                out.append("terms " + x.terms.map { "\($0.word) \($0.kind) \($0.matched) \($0.score.bitPattern)" }.joined(separator: "; "))
                out.append("words \(x.wordScore.bitPattern) named \(x.named.bitPattern) concepts \(x.conceptScore.bitPattern)")
                out.append("parts " + x.concepts.map { "\($0.concept) \($0.phrase) \($0.weight) \($0.score.bitPattern)" }.joined(separator: "; "))
                out.append("factors " + x.factors.map { "\($0.0) \($0.1.bitPattern)" }.joined(separator: "; "))
            }
        }
        return out
    }

    @Test func aRestoredEngineAnswersExactlyAsABuiltOne() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        let first = ContentSnapshot.loadWithEngine(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(first.source == .yaml && first.result.isValid)
        let second = ContentSnapshot.loadWithEngine(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(second.source == .snapshot)
        guard let built = first.engine, let restored = second.engine else {
            Issue.record("no engine")
            return
        }
        // Restored, not rebuilt: the state came from the file (a rebuilt engine would also match).
        let data = [UInt8](try Data(contentsOf: dir.appendingPathComponent(ContentSnapshot.fileName)))
        guard let key = ContentSnapshot.key(for: dir, programVersion: "t", limits: .standard),
              let direct = data.withUnsafeBytes({ ContentSnapshot.decode($0, key: key, root: dir, engine: true) }) else {
            Issue.record("the snapshot does not decode")
            return
        }
        #expect(direct.engine != nil)
        let queries = try EvaluationSetTests.queries("eval-queries.tsv") + EvaluationSetTests.queries("family-queries.tsv")
            + EvaluationSetTests.queries("heldout-queries.tsv")
        #expect(queries.count >= 350)
        var compared = 0
        for q in queries {
            // As typed to the end, and while the last word is still being typed (prefix reading).
            for text in [q.text, String(q.text.dropLast(2)), q.text + " "] {
                let a = built.search(text, profile: q.profile, need: q.need, limit: 10, explain: true)
                let b = restored.search(text, profile: q.profile, need: q.need, limit: 10, explain: true)
                #expect(fingerprint(a) == fingerprint(b), "\(text)")
                compared += 1
            }
        }
        for text in ["speech therapy", "skool", "portige", "short breaks", "autism TAC", "he doesn't speak", "", "zzzz qqqq"] {
            #expect(fingerprint(built.search(text, explain: true)) == fingerprint(restored.search(text, explain: true)), "\(text)")
        }
        #expect(built.nearestIds(to: "speach-therapy") == restored.nearestIds(to: "speach-therapy"))
        #expect(compared == queries.count * 3)
    }

    /// The engine section is read only when asked for: `show` decodes the content alone, and a
    /// damaged engine section still serves the content (and a fresh engine) from the snapshot.
    @Test func aDamagedEngineSectionFallsBackToBuilding() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        _ = ContentSnapshot.loadWithEngine(from: dir, programVersion: "t", cacheFolder: cache)
        let snap = dir.appendingPathComponent(ContentSnapshot.fileName)
        var bytes = [UInt8](try Data(contentsOf: snap))
        bytes[bytes.count - 10] ^= 0x55
        try Data(bytes).write(to: snap)
        guard let key = ContentSnapshot.key(for: dir, programVersion: "t", limits: .standard) else {
            Issue.record("no key")
            return
        }
        let contentOnly = bytes.withUnsafeBytes { ContentSnapshot.decode($0, key: key, root: dir, engine: false) }
        #expect(contentOnly != nil && contentOnly?.engine == nil)
        let withEngine = bytes.withUnsafeBytes { ContentSnapshot.decode($0, key: key, root: dir, engine: true) }
        #expect(withEngine != nil && withEngine?.engine == nil)
        let r = ContentSnapshot.loadWithEngine(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(r.source == .snapshot)
        #expect(r.engine?.search("speech therapy", limit: 3).hits.map(\.entry.id)
                == SearchEngine(content: Fixtures.shippedResult.content).search("speech therapy", limit: 3).hits.map(\.entry.id))
    }

    /// A crafted engine section whose checksum is right: each decodes into an engine that passed
    /// every bounds check, or is refused; searching with whatever was accepted never traps.
    @Test func aCraftedEngineSectionNeverCrashes() throws {
        let content = Fixtures.shippedResult.content
        let engine = SearchEngine(content: content)
        let good = try BinaryCoding.encode(engine.state)
        var rng = SplitMix64(state: 11)
        var accepted = 0, refused = 0
        for round in 0..<300 {
            var bytes = good
            for _ in 0...(round % 3) {
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            if round % 7 == 0 { bytes.removeLast(Int(rng.next() % 32) + 1) }
            guard let state = try? bytes.withUnsafeBytes({ try BinaryCoding.decode(SearchEngineState.self, from: $0) }),
                  let restored = try? SearchEngine(content: content, state: state) else {
                refused += 1
                continue
            }
            accepted += 1
            for q in ["speech therapy", "my son doesnt talk", "short breaks kingston", "portige", "ehcp annual review", "skool"] {
                _ = restored.search(q, profile: Profile(borough: .kingston, age: 7, status: .ehcp), limit: 10, explain: true)
                _ = restored.search(String(q.dropLast()))
            }
        }
        #expect(accepted + refused == 300 && refused > 0)
    }

    /// Positions that point outside what they index are refused one by one, even where every
    /// byte is otherwise well formed.
    @Test func outOfRangePositionsAreRefused() throws {
        let content = Fixtures.shippedResult.content
        let state = SearchEngine(content: content).state
        #expect((try? SearchEngine(content: content, state: state)) != nil)
        var s = state
        s.docOf["portage"] = content.entries.count
        #expect((try? SearchEngine(content: content, state: s)) == nil)
        s = state
        #expect(!s.intentOf.isEmpty)
        s.intentOf = s.intentOf.map { _ in content.intents.count }
        #expect((try? SearchEngine(content: content, state: s)) == nil)
        // The same state does not fit other content (one entry fewer).
        var fewer = content
        fewer.entries.removeLast()
        #expect((try? SearchEngine(content: fewer, state: state)) == nil)
        // Nor an index made for other documents.
        var smaller = content
        smaller.entries = Array(content.entries.prefix(3))
        let tiny = SearchEngine(content: smaller).state
        var mixed = state
        mixed.index = tiny.index
        #expect((try? SearchEngine(content: content, state: mixed)) == nil)
    }

    /// The naming-phrase hash is the same in every process (Swift's own hash is seeded per run):
    /// fixed values, so a change of function is seen.
    @Test func phraseHashesAreStable() {
        #expect(PhraseHash.of("") == Int(truncatingIfNeeded: UInt64(0xCBF2_9CE4_8422_2325)))
        #expect(PhraseHash.of("a") == Int(truncatingIfNeeded: UInt64(0xAF63_DC4C_8601_EC8C)))
        #expect(PhraseHash.of("short breaks") != PhraseHash.of("short break"))
    }

    /// The blocks the engine state is made of round-trip, and damaged ones throw.
    @Test func blocksRoundTripAndRefuseDamage() throws {
        struct Blocks: Codable, Equatable {
            var ints: [Int32]
            var floats: [Float]
            var nested: [[Int32]]
            var names: [String]
            var table: [String: Int32]
            var phrases: [[String]: Int]
            var set: Set<String>
            var ranges: [ClosedRange<Int>]
            var deep: [[[Int32]]]
            var empty: [UInt8]
        }
        let v = Blocks(ints: [0, -1, .max, .min], floats: [0.5, -3], nested: [[], [1, 2]], names: ["", "Café ✓", "x"],
                       table: ["a": 1, "bé": 2], phrases: [["short", "break"]: 3, []: 0], set: ["x", "y"],
                       ranges: [0...25, -3...(-3)], deep: [[[1], []], []], empty: [])
        let bytes = try BinaryCoding.encode(v)
        #expect(try bytes.withUnsafeBytes { try BinaryCoding.decode(Blocks.self, from: $0) } == v)
        var rng = SplitMix64(state: 3)
        for n in 0..<bytes.count { _ = try? Array(bytes.prefix(n)).withUnsafeBytes { try BinaryCoding.decode(Blocks.self, from: $0) } }
        for _ in 0..<3_000 {
            var b = bytes
            b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? b.withUnsafeBytes { try BinaryCoding.decode(Blocks.self, from: $0) }
        }
        // An upside-down range and a repeated key are damage.
        struct R: Codable { var r: [ClosedRange<Int>] }
        var rb = try BinaryCoding.encode(R(r: [1...2]))
        if let i = rb.lastIndex(of: 4) { rb[i] = 0 }  // upper bound 2 (zigzag 4) → 0
        #expect(throws: (any Error).self) { try rb.withUnsafeBytes { try BinaryCoding.decode(R.self, from: $0) } }
        struct T: Codable { var t: [String: Int32] }
        var tb = try BinaryCoding.encode(T(t: ["ab": 1, "ac": 2]))
        if let i = tb.firstIndex(of: UInt8(ascii: "c")) { tb[i] = UInt8(ascii: "b") }
        #expect(throws: (any Error).self) { try tb.withUnsafeBytes { try BinaryCoding.decode(T.self, from: $0) } }
    }

    /// The key sees every file: one edited in place to the same size (the folder's own times do
    /// not change), one added, one removed; not the snapshot itself, nor a file that is not YAML.
    @Test func theKeySeesEveryFileChange() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        func key() -> [UInt8]? { ContentSnapshot.key(for: dir, programVersion: "t", limits: .standard) }
        guard let first = key() else {
            Issue.record("no key")
            return
        }
        #expect(key() == first)
        // (Beside the content, not in services/: a folder's own times are in the key, and adding
        // any file to it changes them.)
        try Data("x".utf8).write(to: dir.appendingPathComponent(ContentSnapshot.fileName))
        try Data("notes".utf8).write(to: dir.appendingPathComponent("NOTES.txt"))
        #expect(key().map { $0 == first } == true)
        let file = dir.appendingPathComponent("services/portage.yaml")
        let folder = dir.appendingPathComponent("services")
        let folderTimes = try FileManager.default.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date
        var bytes = [UInt8](try Data(contentsOf: file))
        if let i = bytes.lastIndex(of: UInt8(ascii: "e")) { bytes[i] = UInt8(ascii: "E") }
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.modificationDate] as? Date == folderTimes)
        let edited = key()
        #expect(edited != nil && edited.map { $0 != first } == true)
        try FileManager.default.copyItem(at: file, to: dir.appendingPathComponent("services/portage-copy.yaml"))
        let added = key()
        #expect(added != nil && added != edited)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("services/portage-copy.yaml"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("glossary.yaml"))
        #expect(key() != added && key() != nil)
    }
}
