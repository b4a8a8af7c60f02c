import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The parsed, validated content kept in one file, so a command that only reads content does not
/// parse YAML again when nothing changed. YAML stays the source: `check` always reads it.
///
/// The snapshot is keyed by what it was made from: the program's version, the running executable
/// (its size and change time, so any rebuild, and so any change to the model types, makes a new
/// key), and every file the loader reads with its size and modification and change times in
/// nanoseconds. A key that differs by one byte, a checksum that does not match, a file of another
/// format or one that does not decode is ignored and rebuilt: it is never trusted.
///
/// Where: `.localoffer-snapshot` beside the content when that folder is writable, else
/// `$XDG_CACHE_HOME/localoffer` (or `~/.cache/localoffer`), one file per content folder. It holds
/// only what the content folder holds, nothing a family typed, so it is written in `--kiosk` and
/// `--shared` too.
public enum ContentSnapshot {
    static let magic = Array("localoffer-snapshot 3\n".utf8)
    public static let fileName = ".localoffer-snapshot"
    /// A snapshot larger than this is not read (the content limits bound what a real one holds).
    static let maxBytes = 4 << 30

    /// Everything `Content` holds but its root (taken from where it is loaded) and its id table
    /// (rebuilt by its initialiser). The model types code themselves, field by field.
    struct Payload: Codable {
        var entries: [Entry]
        var glossary: [GlossaryTerm]
        var categories: [LabelledValue]
        var routes: [LabelledValue]
        var crossBorough: [LabelledValue]
        var concepts: [Concept]
        var intents: [Intent]
        var nounForms: [String: String]
        var postcodes: [PostcodeDistrict]
        var coverage: [CoverageItem]
        var flows: [Flow]
        var talkTo: [String]

        init(_ c: Content) {
            entries = c.entries
            glossary = c.glossary
            categories = c.categories
            routes = c.routes
            crossBorough = c.crossBorough
            concepts = c.concepts
            intents = c.intents
            nounForms = c.nounForms
            postcodes = c.postcodes
            coverage = c.coverage
            flows = c.flows
            talkTo = c.talkTo
        }

        func content(root: URL) -> Content {
            Content(entries: entries, glossary: glossary, categories: categories, routes: routes, postcodes: postcodes,
                    coverage: coverage, flows: flows, talkTo: talkTo, crossBorough: crossBorough, concepts: concepts,
                    intents: intents, nounForms: nounForms, root: root)
        }
    }

    /// What happened, for tests and `--explain`-style diagnostics.
    public enum Source: Sendable, Equatable { case snapshot, yaml }

    /// Loads content for a command that reads it: from the snapshot when its key matches, else from
    /// YAML (and then, if the content is valid, writes a new snapshot). Invalid content is never
    /// stored, so the caller sees every error exactly as `ContentLoader.load` reports it.
    public static func load(from root: URL, programVersion: String, limits: ContentLimits = .standard,
                            cacheFolder: URL? = nil) -> (result: ContentLoader.Result, source: Source) {
        let r = load(from: root, programVersion: programVersion, limits: limits, cacheFolder: cacheFolder, engine: false)
        return (r.result, r.source)
    }

    /// The same, with the search engine: restored from the snapshot's engine section when the
    /// content came from the snapshot (only a command that searches decodes that section), else
    /// built. `engine` is nil only when the content is not valid.
    public static func loadWithEngine(from root: URL, programVersion: String, limits: ContentLimits = .standard,
                                      cacheFolder: URL? = nil) -> (result: ContentLoader.Result, engine: SearchEngine?, source: Source) {
        load(from: root, programVersion: programVersion, limits: limits, cacheFolder: cacheFolder, engine: true)
    }

    static func load(from root: URL, programVersion: String, limits: ContentLimits, cacheFolder: URL?,
                     engine wanted: Bool) -> (result: ContentLoader.Result, engine: SearchEngine?, source: Source) {
        guard let key = key(for: root, programVersion: programVersion, limits: limits) else {
            let result = ContentLoader.load(from: root, warnings: false, limits: limits)
            return (result, wanted && result.isValid ? SearchEngine(content: result.content) : nil, .yaml)
        }
        let places = locations(for: root, cacheFolder: cacheFolder)
        for place in places {
            guard let file = SnapshotFile(place), let found = file.decode(key: key, root: root, engine: wanted) else { continue }
            // A restored engine that does not fit (a crafted file) is built afresh; the content
            // itself passed every check of its own.
            let engine = wanted ? found.engine ?? SearchEngine(content: found.content) : nil
            return (ContentLoader.Result(content: found.content, diagnostics: []), engine, .snapshot)
        }
        let result = ContentLoader.load(from: root, warnings: false, limits: limits)
        guard result.isValid else { return (result, nil, .yaml) }
        // Every snapshot holds the engine, whichever command made it: the next `search` finds it.
        let engine = SearchEngine(content: result.content)
        if let data = encode(Payload(result.content), engine: engine.state, key: key) {
            for place in places where write(data, to: place) { break }
        }
        return (result, wanted ? engine : nil, .yaml)
    }

    /// Beside the content first, then the user's cache folder.
    static func locations(for root: URL, cacheFolder: URL?) -> [URL] {
        var out = [root.appendingPathComponent(fileName)]
        let env = ProcessInfo.processInfo.environment
        var cache = cacheFolder
        if cache == nil {
            if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") {
                cache = URL(fileURLWithPath: x).appendingPathComponent("localoffer")
            } else if let home = env["HOME"], home.hasPrefix("/") {
                cache = URL(fileURLWithPath: home).appendingPathComponent(".cache/localoffer")
            }
        }
        if let cache {
            // One file per content folder, named by its path's checksum.
            let path = root.standardizedFileURL.path
            out.append(cache.appendingPathComponent("snapshot-\(String(Array(path.utf8).withUnsafeBytes { checksum($0) }, radix: 16)).bin"))
        }
        return out
    }

    /// The key (`SnapshotKey`): version, executable and every file the loader reads. Nil when the
    /// folder cannot be listed (then the loader reports why, from YAML).
    static func key(for root: URL, programVersion: String, limits: ContentLimits) -> [UInt8]? {
        SnapshotKey.make(root: root.path, programVersion: programVersion, fileLimit: limits.files)
    }

    /// A 64-bit checksum, eight bytes at a time (a snapshot of a large directory is tens of
    /// megabytes): catches a truncated or damaged file. Not a defence against someone who can write
    /// the content folder, who could change the YAML itself.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        func mix(_ w: UInt64) {
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        var i = 0
        while i + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        mix(tail)
        mix(0xC4CE_B9FE_1A85_EC53)
        return h
    }

    /// magic; key, content and engine lengths (8 bytes each); a checksum of the key and content and
    /// one of the engine (8 each); the key; the content and the engine state (each in
    /// `BinaryCoding`'s form). Two checksums, so a command that shows an entry reads and checks
    /// the content section only.
    static let headerSize = magic.count + 40

    static func encode(_ payload: Payload, engine: SearchEngineState, key: [UInt8]) -> [UInt8]? {
        guard let body = try? BinaryCoding.encode(payload), let state = try? BinaryCoding.encode(engine) else { return nil }
        var out = magic
        out.reserveCapacity(headerSize + key.count + body.count + state.count)
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u64(UInt64(key.count))
        u64(UInt64(body.count))
        u64(UInt64(state.count))
        u64((key + body).withUnsafeBytes { checksum($0) })
        u64(state.withUnsafeBytes { checksum($0) })
        out += key
        out += body
        out += state
        return out
    }

    /// The content, and the engine when asked for and its section is sound; nil when the file is
    /// not a snapshot of this key or its content section does not decode.
    static func decode(_ data: UnsafeRawBufferPointer, key: [UInt8], root: URL,
                       engine wanted: Bool = false) -> (content: Content, engine: SearchEngine?)? {
        guard data.count >= headerSize, data.prefix(magic.count).elementsEqual(magic) else { return nil }
        func u64(at offset: Int) -> UInt64 {
            UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let m = magic.count
        let keyLength = u64(at: m), bodyLength = u64(at: m + 8), stateLength = u64(at: m + 16)
        let bodySum = u64(at: m + 24), stateSum = u64(at: m + 32)
        // Lengths are checked against what is there before any arithmetic can overflow.
        let size = UInt64(data.count)
        guard keyLength == UInt64(key.count), bodyLength <= size, stateLength <= size,
              UInt64(headerSize) + keyLength + bodyLength + stateLength == size else { return nil }
        let keyEnd = headerSize + key.count, bodyEnd = keyEnd + Int(bodyLength)
        guard data[headerSize..<keyEnd].elementsEqual(key) else { return nil }
        guard checksum(UnsafeRawBufferPointer(rebasing: data[headerSize..<bodyEnd])) == bodySum,
              let payload = try? BinaryCoding.decode(Payload.self, from: UnsafeRawBufferPointer(rebasing: data[keyEnd..<bodyEnd])) else {
            return nil
        }
        let content = payload.content(root: root)
        guard wanted else { return (content, nil) }
        let section = UnsafeRawBufferPointer(rebasing: data[bodyEnd...])
        guard checksum(section) == stateSum, let state = try? BinaryCoding.decode(SearchEngineState.self, from: section) else {
            return (content, nil)
        }
        return (content, try? SearchEngine(content: content, state: state))
    }

    /// Atomically: a temporary file in the same folder, then renamed over the old snapshot.
    static func write(_ data: [UInt8], to url: URL) -> Bool {
        let dir = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        guard access(dir.path, W_OK) == 0 else { return false }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data(data), attributes: [.posixPermissions: 0o644]) else {
            return false
        }
        guard rename(tmp.path, url.path) == 0 else {
            unlink(tmp.path)
            return false
        }
        return true
    }
}

/// One snapshot file read whole into one buffer (no zero-filling, no copy), decoded in place.
final class SnapshotFile {
    let buffer: UnsafeMutableRawBufferPointer

    init?(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, st.st_size <= ContentSnapshot.maxBytes,
              let size = Int(exactly: st.st_size) else { return nil }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        guard let base = buffer.baseAddress else {
            buffer.deallocate()
            return nil
        }
        var total = 0
        while total < size {
            let n = Glibc.read(fd, base + total, size - total)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            total += n
        }
        // A file that grew since fstat is not the one measured: ignored.
        var extra: UInt8 = 0
        guard total == size, Glibc.read(fd, &extra, 1) == 0 else {
            buffer.deallocate()
            return nil
        }
        self.buffer = buffer
    }

    deinit { buffer.deallocate() }

    func decode(key: [UInt8], root: URL, engine: Bool) -> (content: Content, engine: SearchEngine?)? {
        ContentSnapshot.decode(UnsafeRawBufferPointer(buffer), key: key, root: root, engine: engine)
    }
}
