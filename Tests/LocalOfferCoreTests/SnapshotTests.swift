import Foundation
import Testing
@testable import LocalOfferCore

/// Issue 23: the checked content snapshot.
@Suite struct SnapshotTests {
    /// A private copy of the shipped content, so snapshots are written beside it, not in the repository.
    func copyOfShipped() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.shipped, to: dir)
        try? FileManager.default.removeItem(at: dir.appendingPathComponent(ContentSnapshot.fileName))
        return dir
    }

    func noCache() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("snap-cache-\(UUID().uuidString)") }

    @Test func roundTripCarriesEveryField() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        let first = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(first.source == .yaml && first.result.isValid)
        let second = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(second.source == .snapshot)
        let a = first.result.content, b = second.result.content
        #expect(a.entries == b.entries)
        #expect(a.flows == b.flows)
        #expect(a.glossary == b.glossary)
        #expect(a.intents == b.intents && a.postcodes == b.postcodes && a.coverage == b.coverage)
        #expect(a.categories == b.categories && a.routes == b.routes && a.crossBorough == b.crossBorough && a.talkTo == b.talkTo)
        #expect(a.concepts.count == b.concepts.count)
        for (x, y) in zip(a.concepts, b.concepts) {
            #expect(x == y && x.phrases == y.phrases && x.entries.map(\.id) == y.entries.map(\.id)
                    && x.entries.map(\.weight) == y.entries.map(\.weight) && x.literal == y.literal && x.ages == y.ages)
        }
        // The same answers from either.
        let q = "my son doesnt talk"
        #expect(SearchEngine(content: a).search(q, limit: 5).hits.map(\.entry.id) == SearchEngine(content: b).search(q, limit: 5).hits.map(\.entry.id))
    }

    @Test func aChangedFileRebuilds() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        _ = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        let file = dir.appendingPathComponent("services/portage.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: Portage home visiting for young children", with: "title: Portage visits")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let after = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(after.source == .yaml)
        #expect(after.result.content.entry("portage")?.title == "Portage visits")
        // Another program version is another key.
        #expect(ContentSnapshot.load(from: dir, programVersion: "u", cacheFolder: cache).source == .yaml)
        // A new file is seen.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("services/portage.yaml"))
        let removed = ContentSnapshot.load(from: dir, programVersion: "u", cacheFolder: cache)
        #expect(removed.source == .yaml && removed.result.content.entry("portage") == nil)
    }

    @Test func aDamagedSnapshotIsNeverTrusted() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        _ = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        let snap = dir.appendingPathComponent(ContentSnapshot.fileName)
        let good = try Data(contentsOf: snap)
        // A byte of the content section (the engine section has its own test: the content is
        // still served, the engine rebuilt).
        var flipped = good
        flipped[ContentSnapshot.headerSize + 2_000] ^= 0x20
        let damaged: [Data] = [good.prefix(good.count / 2), flipped, Data("not a snapshot".utf8), Data(), good + Data([0])]
        for bad in damaged {
            try bad.write(to: snap)
            let r = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
            #expect(r.source == .yaml && r.result.isValid && r.result.content.entries.count == Fixtures.shippedResult.content.entries.count)
        }
        // and it was rebuilt: the next load uses it again.
        #expect(ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache).source == .snapshot)
    }

    @Test func brokenContentIsNeverStored() throws {
        let cache = noCache()
        let r = ContentSnapshot.load(from: Fixtures.broken, programVersion: "t", cacheFolder: cache)
        #expect(!r.result.isValid)
        #expect(ContentSnapshot.load(from: Fixtures.broken, programVersion: "t", cacheFolder: cache).source == .yaml)
        #expect(!FileManager.default.fileExists(atPath: Fixtures.broken.appendingPathComponent(ContentSnapshot.fileName).path))
    }

    @Test func aReadOnlyFolderUsesTheCache() throws {
        let dir = try copyOfShipped()
        let cache = noCache()
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: cache)
        }
        chmod(dir.path, 0o555)
        guard access(dir.path, W_OK) != 0 else {
            // Running as root: a read-only folder is still writable, so check the cache path directly.
            let places = ContentSnapshot.locations(for: dir, cacheFolder: cache)
            #expect(places.count == 2 && places[1].path.hasPrefix(cache.path))
            return
        }
        _ = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache).source == .snapshot)
    }

    /// A snapshot of another format version, or of another content folder, is rebuilt.
    @Test func aForeignSnapshotIsRebuilt() throws {
        let a = try copyOfShipped(), b = try copyOfShipped()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let cache = noCache()
        _ = ContentSnapshot.load(from: a, programVersion: "t", cacheFolder: cache)
        // b's content differs by one entry; a's snapshot put in its place must not be trusted.
        try FileManager.default.removeItem(at: b.appendingPathComponent("services/portage.yaml"))
        let snapA = a.appendingPathComponent(ContentSnapshot.fileName), snapB = b.appendingPathComponent(ContentSnapshot.fileName)
        try FileManager.default.copyItem(at: snapA, to: snapB)
        let r = ContentSnapshot.load(from: b, programVersion: "t", cacheFolder: cache)
        #expect(r.source == .yaml && r.result.content.entry("portage") == nil)
        // The first format (JSON) under its own magic: not read, rebuilt.
        var old = try Data(contentsOf: snapA)
        old.replaceSubrange(0..<ContentSnapshot.magic.count, with: Array("localoffer-snapshot 1\n".utf8))
        try old.write(to: snapA)
        #expect(ContentSnapshot.load(from: a, programVersion: "t", cacheFolder: cache).source == .yaml)
        #expect(ContentSnapshot.load(from: a, programVersion: "t", cacheFolder: cache).source == .snapshot)
    }

    /// Damage that keeps the checksum right (a crafted file): decoding is bounds-checked all the
    /// way down, so each such file loads as something or is rebuilt, and the process never traps.
    @Test func aCraftedSnapshotWithARightChecksumNeverCrashes() throws {
        let dir = try copyOfShipped()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = noCache()
        _ = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        let snap = dir.appendingPathComponent(ContentSnapshot.fileName)
        let good = [UInt8](try Data(contentsOf: snap))
        let header = ContentSnapshot.headerSize, m = ContentSnapshot.magic.count
        guard let key = ContentSnapshot.key(for: dir, programVersion: "t", limits: .standard) else {
            Issue.record("no key for the copy")
            return
        }
        func u64(_ b: [UInt8], _ o: Int) -> Int {
            Int(b[o..<(o + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        }
        let bodyStart = header + key.count, bodyLength = u64(good, m + 8)
        var rng = SplitMix64(state: 5)
        var loaded = 0, refused = 0
        for round in 0..<60 {
            var bytes = good
            // The content section (even rounds) or the engine section (odd), damaged and cut.
            let engineSection = round % 2 == 1
            let start = engineSection ? bodyStart + bodyLength : bodyStart
            let end = engineSection ? bytes.count : bodyStart + bodyLength
            for _ in 0...(round % 4) {
                let i = start + Int(rng.next() % UInt64(end - start))
                bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            var newBody = bodyLength
            if round % 5 == 0 {
                let cut = Int(rng.next() % 64) + 1
                bytes.removeSubrange((end - cut)..<end)
                if !engineSection { newBody -= cut }
            }
            // Lengths and checksums rewritten to match the damaged sections.
            let bodyEnd = bodyStart + newBody
            func put(_ v: UInt64, at o: Int) { withUnsafeBytes(of: v.littleEndian) { for (j, b) in $0.enumerated() { bytes[o + j] = b } } }
            put(UInt64(newBody), at: m + 8)
            put(UInt64(bytes.count - bodyEnd), at: m + 16)
            put(Array(bytes[header..<bodyEnd]).withUnsafeBytes { ContentSnapshot.checksum($0) }, at: m + 24)
            put(Array(bytes[bodyEnd...]).withUnsafeBytes { ContentSnapshot.checksum($0) }, at: m + 32)
            let decoded = bytes.withUnsafeBytes { ContentSnapshot.decode($0, key: key, root: dir, engine: true) }
            if let decoded {
                loaded += 1
                // Whatever was accepted is searched: an engine that passed its checks never traps.
                _ = decoded.engine?.search("speech therapy for my son", profile: Profile(borough: .richmond, age: 6, status: .senSupport), explain: true)
            } else {
                refused += 1
            }
        }
        // Each was either decoded (damage inside a text) or refused; a trap would end the run here.
        #expect(loaded + refused == 60 && refused > 0)
    }

    /// Where the snapshot cannot be written beside the content (a read-only folder; here, as root
    /// can write anywhere, a folder squatting on its name), it goes to the user's cache folder.
    @Test func anUnwritableSpotBesideTheContentUsesTheCache() throws {
        let dir = try copyOfShipped()
        let cache = noCache()
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: cache)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(ContentSnapshot.fileName), withIntermediateDirectories: false)
        #expect(ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache).source == .yaml)
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("snapshot-") }
        #expect(cached.count == 1)
        let again = ContentSnapshot.load(from: dir, programVersion: "t", cacheFolder: cache)
        #expect(again.source == .snapshot && again.result.content.entries.count == Fixtures.shippedResult.content.entries.count)
    }
}
